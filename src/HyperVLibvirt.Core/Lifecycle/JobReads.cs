using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// Reads many jobs of one host with few requests: every read asked for while a query is on its way
/// goes into the next one, one <c>WHERE InstanceID = … OR …</c> query for all of them (in chunks of
/// <see cref="MaxIdsPerQuery"/>). Each <see cref="JobWaiter"/> keeps its own backoff and timeout;
/// waiters that poll at about the same time (a batch's jobs start together) share a round trip.
/// </summary>
internal sealed class JobReads
{
    /// <summary>
    /// InstanceIDs per query: about 60 characters each in the WQL, so a query stays near 2 KB, far below
    /// what WinRM accepts in an envelope, and the answer below one page.
    /// </summary>
    public const int MaxIdsPerQuery = 32;

    private readonly CoalescedReads<string, CimObject> _reads;

    /// <param name="query">Runs one WQL query on the host and returns every instance it answers.</param>
    /// <param name="stop">Ends the queries (the batch's cancellation); a waiter's own token ends only its wait.</param>
    public JobReads(Func<string, CancellationToken, Task<List<CimObject>>> query, CancellationToken stop = default)
    {
        _reads = new CoalescedReads<string, CimObject>(async (ids, token) =>
        {
            var found = new Dictionary<string, CimObject>(StringComparer.OrdinalIgnoreCase);
            foreach (var job in await query(JobQuery.ByInstanceIds(ids), token).ConfigureAwait(false))
            {
                if (job.GetString("InstanceID") is { } id)
                {
                    found.TryAdd(id, job);
                }
            }
            return found;
        }, MaxIdsPerQuery, StringComparer.OrdinalIgnoreCase, stop);
    }

    /// <summary>The job with this InstanceID as the next query finds it; null when the host has no such job.</summary>
    public Task<CimObject?> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return _reads.ReadAsync(instanceId, cancellationToken);
    }
}
