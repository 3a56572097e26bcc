using System.Collections.Concurrent;
using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Screenshots;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Screenshots;

/// <summary>Screenshots of a simulated host, end to end: video heads, the method call, the decoded pixels.</summary>
public sealed class ScreenshotServiceTests : IDisposable
{
    private const string User = "admin";
    private const string Password = "Sim-Screen-4412!";
    private const string Inventory = """
        { "vms": [
          { "name": "web1", "state": "running" },
          { "name": "db2", "state": "running" },
          { "name": "off1", "state": "off" },
          { "name": "paused1", "state": "paused" }
        ] }
        """;

    private readonly string _inventoryPath = Path.Combine(Path.GetTempPath(), "hvl-screen-" + Guid.NewGuid().ToString("N") + ".json");

    public ScreenshotServiceTests() => File.WriteAllText(_inventoryPath, Inventory);

    public void Dispose() => File.Delete(_inventoryPath);

    private async Task<(IReadOnlyDictionary<string, ScreenshotRead> Reads, OperationCounter Trace)> CaptureAsync(ScreenSize? size, int hostEnvelopeKb = 500,
        int? callEnvelope = null)
    {
        var options = new SimulatorOptions { HttpPort = 0, MaxEnvelopeSizeKb = hostEnvelopeKb };
        options.Host.InventoryPath = _inventoryPath;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        await using var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        using var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        var domains = new List<HvDomain>();
        await foreach (var domain in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), detailed: false))
        {
            domains.Add(domain);
        }
        var trace = new OperationCounter();
        var reads = new Dictionary<string, ScreenshotRead>();
        await foreach (var read in new ScreenshotService(connection, trace, callEnvelope).CaptureAsync(domains, size))
        {
            reads.Add(read.Domain.Name, read);
        }
        return (reads, trace);
    }

    private static (byte R, byte G, byte B) PixelAt(DomainScreenshot shot, int x, int y)
    {
        var rgb = shot.GetRgb();
        var i = ((y * shot.Size.Width) + x) * 3;
        return (rgb[i], rgb[i + 1], rgb[i + 2]);
    }

    [Fact]
    public async Task Running_domains_come_at_their_video_head_proportions_within_the_envelope_in_one_query_and_one_call_each()
    {
        var (reads, trace) = await CaptureAsync(null);

        Assert.Equal(1, trace.Enumerations);
        Assert.Equal(2, trace.Invocations);
        var web = reads["web1"].Screenshot!;
        Assert.Equal(new ScreenSize(1024, 768), web.VideoHead);
        Assert.Equal(new ScreenSize(503, 377), web.Size);
        Assert.True(web.IsScaledDown);
        // The simulator's pattern: red, green, blue, white bands along the top; black along the bottom.
        Assert.Equal(((byte)255, (byte)0, (byte)0), PixelAt(web, 0, 0));
        Assert.Equal(((byte)0, (byte)255, (byte)0), PixelAt(web, 503 / 4 + 1, 5));
        Assert.Equal(((byte)0, (byte)0, (byte)255), PixelAt(web, 503 / 2 + 1, 5));
        Assert.Equal(((byte)255, (byte)255, (byte)255), PixelAt(web, 502, 5));
        Assert.Equal(((byte)0, (byte)0, (byte)0), PixelAt(web, 250, 376));
        // The running background, R 0, G 16/63, B 16/31, widened by bit replication.
        Assert.Equal(((byte)0, (byte)65, (byte)132), PixelAt(web, 1, 100));
        Assert.NotNull(reads["db2"].Screenshot);
    }

    [Fact]
    public async Task Domains_without_a_screen_get_a_not_running_error_and_no_call()
    {
        var (reads, trace) = await CaptureAsync(null);

        Assert.Equal(ScreenshotFailure.NotRunning, reads["off1"].Error!.Failure);
        Assert.Contains("Start-HvDomain", reads["off1"].Error!.Message);
        Assert.Equal(ScreenshotFailure.NotRunning, reads["paused1"].Error!.Failure);
        Assert.Equal(2, trace.Invocations);
    }

    [Fact]
    public async Task A_size_given_is_asked_of_every_domain_and_the_host_refuses_an_off_one()
    {
        var (reads, trace) = await CaptureAsync(new ScreenSize(64, 48));

        Assert.Equal(0, trace.Enumerations);
        Assert.Equal(4, trace.Invocations);
        Assert.Equal(new ScreenSize(64, 48), reads["web1"].Screenshot!.Size);
        Assert.Null(reads["web1"].Screenshot!.VideoHead);
        Assert.False(reads["web1"].Screenshot!.IsScaledDown);
        // The paused VM's frozen screen: the amber background, R 24/31, G 40/63.
        Assert.Equal(((byte)198, (byte)162, (byte)0), PixelAt(reads["paused1"].Screenshot!, 1, 20));
        Assert.Equal(ScreenshotFailure.NotRunning, reads["off1"].Error!.Failure);
        Assert.Equal(32775u, reads["off1"].Error!.ReturnValue);
    }

    [Fact]
    public async Task A_size_larger_than_the_envelope_holds_is_refused_before_any_call()
    {
        var (reads, trace) = await CaptureAsync(new ScreenSize(1024, 768));

        Assert.Equal(0, trace.Invocations);
        var error = reads["web1"].Error!;
        Assert.Equal(ScreenshotFailure.TooLarge, error.Failure);
        Assert.Contains("503×377", error.Message);
    }

    [Fact]
    public async Task A_host_with_a_smaller_envelope_limit_gets_a_too_large_error_per_domain_that_says_what_to_do()
    {
        // Older Windows sends at most 150 KB per answer: 503×377 pictures do not fit, each domain says so and the rest go on.
        var (reads, trace) = await CaptureAsync(null, hostEnvelopeKb: 150);

        Assert.Equal(2, trace.Invocations);
        var error = reads["web1"].Error!;
        Assert.Equal(ScreenshotFailure.TooLarge, error.Failure);
        Assert.Contains("MaxEnvelopeSizekb", error.Message);
        Assert.Contains("-Width and -Height, for example 251×188", error.Message);
        Assert.Equal(ScreenshotFailure.TooLarge, reads["db2"].Error!.Failure);
    }

    [Fact]
    public async Task A_larger_envelope_for_the_call_brings_the_full_video_head_from_a_host_whose_limit_was_raised()
    {
        var (reads, trace) = await CaptureAsync(null, hostEnvelopeKb: 4096, callEnvelope: 4096 * 1024);

        Assert.Equal(2, trace.Invocations);
        var web = reads["web1"].Screenshot!;
        Assert.Equal(new ScreenSize(1024, 768), web.Size);
        Assert.False(web.IsScaledDown);
        Assert.Equal(((byte)255, (byte)0, (byte)0), PixelAt(web, 0, 0));
        Assert.Equal(((byte)255, (byte)255, (byte)255), PixelAt(web, 1023, 5));
        Assert.Equal(((byte)0, (byte)0, (byte)0), PixelAt(web, 512, 767));
    }

    [Fact]
    public async Task A_size_given_fits_a_larger_envelope_for_the_call_and_is_refused_before_any_call_when_it_does_not()
    {
        var (reads, _) = await CaptureAsync(new ScreenSize(1024, 768), hostEnvelopeKb: 4096, callEnvelope: 4096 * 1024);
        Assert.Equal(new ScreenSize(1024, 768), reads["web1"].Screenshot!.Size);

        var (refused, trace) = await CaptureAsync(new ScreenSize(1024, 768), hostEnvelopeKb: 4096, callEnvelope: 2048 * 1024);
        Assert.Equal(0, trace.Invocations);
        Assert.Equal(ScreenshotFailure.TooLarge, refused["web1"].Error!.Failure);
        Assert.Contains("answers of 2052 KB or more", refused["web1"].Error!.Message);
    }

    [Fact]
    public async Task A_larger_envelope_than_the_host_allows_gets_a_too_large_error_naming_the_limit_to_set()
    {
        var (reads, trace) = await CaptureAsync(null, hostEnvelopeKb: 500, callEnvelope: 4096 * 1024);

        Assert.Equal(2, trace.Invocations);
        var error = reads["web1"].Error!;
        Assert.Equal(ScreenshotFailure.TooLarge, error.Failure);
        Assert.Contains("MaxEnvelopeSizekb=\"2052\"", error.Message);
    }

    [Fact]
    public async Task An_envelope_below_winrms_minimum_is_refused_by_the_service()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.InventoryPath = _inventoryPath;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        await using var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        using var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScreenshotService(connection, null, 4096));
        Assert.Equal(512000, new ScreenshotService(connection, null).MaxEnvelopeSize);
    }

    private sealed class OperationCounter : IWsManTrace
    {
        private readonly ConcurrentQueue<WsManTraceEvent> _events = new();

        public bool WantsEnvelopes => false;

        public int Enumerations => Count("Enumerate");

        public int Invocations => Count("GetVirtualSystemThumbnailImage");

        public void Write(WsManTraceEvent traceEvent) => _events.Enqueue(traceEvent);

        private int Count(string suffix) => _events.Count(e => e.Kind == WsManTraceKind.Operation && e.Action.EndsWith(suffix, StringComparison.Ordinal));
    }
}
