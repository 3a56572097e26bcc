using System.Text;
using System.Text.RegularExpressions;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>
/// An Invoke may ask for a larger answer than the client's (w:MaxEnvelopeSize, DMTF DSP0226 section 6.2): that call alone sends the
/// larger size and reads a property value as long as such an answer holds; every other call keeps the client's size and value bound.
/// </summary>
public sealed class InvokeEnvelopeSizeTests
{
    private const string Method = "GetVirtualSystemThumbnailImage";
    private static readonly string ServiceUri = WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_VirtualSystemManagementService");

    // 2 Mi base64 characters: a full 1024x768 picture (1.5 MiB of RGB 565), twice the reader's usual bound of 1 Mi characters.
    private static readonly int ImageChars = 2 * 1024 * 1024;

    private static async Task AnswerWithImageAsync(HostileRequest request, Stream network, List<string> envelopeSizes)
    {
        lock (envelopeSizes)
        {
            envelopeSizes.Add(Regex.Match(request.Body, "<w:MaxEnvelopeSize[^>]*>([^<]*)</w:MaxEnvelopeSize>").Groups[1].Value);
        }
        await HostileServer.WriteChunkedAsync(network, async body =>
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes(HostileServer.Envelope + $"<s:Header/><s:Body><p:{Method}_OUTPUT xmlns:p=\"{ServiceUri}\"><p:ImageData>"));
            var chunk = Encoding.ASCII.GetBytes(new string('A', 64 * 1024));
            for (var i = 0; i < ImageChars / chunk.Length; i++)
            {
                await body.WriteAsync(chunk);
            }
            await body.WriteAsync(Encoding.UTF8.GetBytes($"</p:ImageData><p:ReturnValue>0</p:ReturnValue></p:{Method}_OUTPUT></s:Body></s:Envelope>"));
        });
    }

    private static Task<CimObject> InvokeAsync(WsManClient client, int? maxEnvelopeSize) => maxEnvelopeSize is { } size
        ? client.InvokeAsync(ServiceUri, Method, [new("CreationClassName", "Msvm_VirtualSystemManagementService")], [], size, null, CancellationToken.None)
        : client.InvokeAsync(ServiceUri, Method, [new("CreationClassName", "Msvm_VirtualSystemManagementService")], [], null, CancellationToken.None);

    [Fact]
    public async Task A_call_given_a_larger_envelope_sends_it_and_reads_a_value_that_large_while_the_others_keep_the_clients()
    {
        var sizes = new List<string>();
        await using var server = new HostileServer((request, network, _) => AnswerWithImageAsync(request, network, sizes));
        using var client = HostileServerTests.Client(server.Endpoint);

        var output = await InvokeAsync(client, 4 * 1024 * 1024);
        Assert.Equal(ImageChars, output.GetString("ImageData")!.Length);
        Assert.Equal(0UL, output.GetUInt64("ReturnValue"));

        // The same answer to a call that did not ask for it: the usual bound refuses the value.
        var refused = await Assert.ThrowsAsync<WsManProtocolException>(() => InvokeAsync(client, null));
        Assert.Contains("longer than 1048576 characters", refused.Message);

        Assert.Equal(["4194304", "512000"], sizes);
    }

    [Fact]
    public async Task A_larger_envelope_raises_the_value_bound_only_as_far_as_the_envelope()
    {
        var sizes = new List<string>();
        await using var server = new HostileServer((request, network, _) => AnswerWithImageAsync(request, network, sizes));
        using var client = HostileServerTests.Client(server.Endpoint);

        // 1.5 MiB octets: more than the usual bound, less than the value sent.
        var refused = await Assert.ThrowsAsync<WsManProtocolException>(() => InvokeAsync(client, 1536 * 1024));
        Assert.Contains("longer than 1572864 characters", refused.Message);
    }

    [Theory]
    [InlineData(8191)]
    [InlineData(64 * 1024 * 1024 + 1)]
    public void An_envelope_below_winrms_minimum_or_above_the_response_limit_is_refused_before_sending(int size)
    {
        using var client = HostileServerTests.Client(new Uri("http://127.0.0.1:9/wsman"));
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = InvokeAsync(client, size); });
    }
}
