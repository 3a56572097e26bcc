using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Core.Tests.Lifecycle;

/// <summary>Reads asked for while a request is out go together into the next request, in chunks, each answered by a request sent after it.</summary>
public sealed class CoalescedReadsTests
{
    [Fact]
    public async Task Reads_asked_for_meanwhile_share_the_next_request_in_chunks_and_a_missing_key_reads_as_default()
    {
        var requests = new List<int[]>();
        var firstOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = new CoalescedReads<int, string>(async (keys, token) =>
        {
            lock (requests)
            {
                requests.Add(keys);
            }
            firstOut.TrySetResult();
            await firstMayEnd.Task.WaitAsync(token);
            // The host knows every key but 13.
            return keys.Where(k => k != 13).ToDictionary(k => k, k => "v" + k);
        }, maxKeysPerRead: 4);

        var first = reads.ReadAsync(0, CancellationToken.None);
        await firstOut.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var later = Enumerable.Range(10, 6).Select(k => reads.ReadAsync(k, CancellationToken.None)).ToArray();
        firstMayEnd.SetResult();

        Assert.Equal("v0", await first);
        var answers = await Task.WhenAll(later);
        Assert.Equal(new string?[] { "v10", "v11", "v12", null, "v14", "v15" }, answers);
        Assert.Equal(3, requests.Count);
        Assert.Equal([0], requests[0]);
        Assert.Equal([10, 11, 12, 13, 14, 15], requests[1].Concat(requests[2]).Order());
        Assert.Equal(4, requests[1].Length);
    }
}
