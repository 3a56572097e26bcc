using HyperVLibvirt.Core.HyperV;
using System.Net;
using System.Net.Sockets;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>The client against the simulator on loopback: auth, paging, Release, cancellation, TLS, errors.</summary>
public sealed class SimulatorTransportTests
{
    private const string User = "admin";
    private const string Password = "Sim-P@ss-7319!";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static async Task<SimulatorServer> StartAsync(Action<SimulatorOptions>? configure = null, int vms = 8, bool https = false)
    {
        // A host set up for libvirt with Basic only: these tests are about the transport and Basic; Negotiate and
        // message encryption have their own (NegotiateTransportTests).
        var options = new SimulatorOptions { HttpPort = https ? null : 0, HttpsPort = https ? 0 : null, NegotiateEnabled = false };
        options.Host.VmCount = vms;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        configure?.Invoke(options);
        return await SimulatorServer.StartAsync(options);
    }

    private static WsManClient Client(Uri endpoint, string password = Password, int maxElements = 500, Func<WsManSettings, WsManSettings>? tweak = null)
    {
        var settings = new WsManSettings
        {
            MaxElements = maxElements,
            OperationTimeout = TimeSpan.FromSeconds(20),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        return new WsManClient(endpoint, new NetworkCredential(User, password), tweak?.Invoke(settings) ?? settings);
    }

    /// <summary>Collects every event, envelopes included.</summary>
    private sealed class ListTrace(List<WsManTraceEvent> events) : IWsManTrace
    {
        public bool WantsEnvelopes => true;

        public void Write(WsManTraceEvent traceEvent)
        {
            lock (events)
            {
                events.Add(traceEvent);
            }
        }
    }

    private static async Task<List<CimObject>> ToListAsync(IAsyncEnumerable<CimObject> source, CancellationToken ct = default)
    {
        var list = new List<CimObject>();
        await foreach (var o in source.WithCancellation(ct))
        {
            list.Add(o);
        }
        return list;
    }

    private static void AssertNoSecret(string? text) => Assert.DoesNotContain(Password, text ?? string.Empty);

    [Fact]
    public async Task Identify_unauthenticated_and_authenticated()
    {
        await using var sim = await StartAsync();
        using var client = Client(sim.HttpEndpoint!);
        var anon = await client.IdentifyAsync(unauthenticated: true, null, CancellationToken.None);
        Assert.Equal("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", anon.ProtocolVersion);
        Assert.Equal("Microsoft Corporation", anon.ProductVendor);
        var auth = await client.IdentifyAsync(unauthenticated: false, null, CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(auth.ProductVersion));
    }

    [Fact]
    public async Task Challenge_then_presend_credentials_and_trace_never_shows_the_password()
    {
        var trace = new List<WsManTraceEvent>();
        var sink = new ListTrace(trace);
        await using var sim = await StartAsync();
        using var client = Client(sim.HttpEndpoint!);
        await client.IdentifyAsync(false, sink, CancellationToken.None);
        var afterFirst = sim.Statistics.RequestCount;
        Assert.Equal(2, afterFirst); // bare request + 401, then Basic
        var vms = await ToListAsync(client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2),
            "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'", sink, CancellationToken.None));
        Assert.NotEmpty(vms);
        Assert.Equal(afterFirst + 1, sim.Statistics.RequestCount); // pre-sent: no extra round trip, one page
        Assert.Contains(trace, e => e.Kind == WsManTraceKind.Operation && e.Action == "Enumerate" && e.ItemCount == vms.Count);
        Assert.Contains(trace, e => e.Kind == WsManTraceKind.RequestEnvelope);
        Assert.Contains(trace, e => e.Kind == WsManTraceKind.ResponseEnvelope);
        foreach (var e in trace)
        {
            AssertNoSecret(e.Envelope);
            AssertNoSecret(e.ToString());
            Assert.DoesNotContain("Authorization", e.Envelope ?? string.Empty);
        }
    }

    [Fact]
    public async Task Wrong_password_is_bad_credentials_naming_both_causes_over_http()
    {
        await using var sim = await StartAsync();
        using var client = Client(sim.HttpEndpoint!, password: "wrong-Secret-42");
        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Equal(WsManAuthenticationFailure.BadCredentials, ex.Reason);
        Assert.Contains("AllowUnencrypted", ex.Message);
        Assert.Contains("transport=https", ex.Message);
        Assert.DoesNotContain("wrong-Secret-42", ex.ToString());
        Assert.Equal(sim.HttpEndpoint!.Port, ex.Port);
    }

    [Fact]
    public async Task Basic_disabled_names_the_winrm_command()
    {
        await using var sim = await StartAsync(o =>
        {
            o.BasicEnabled = false;
            o.NegotiateEnabled = true;
        });
        using var client = Client(sim.HttpEndpoint!, tweak: s => new WsManSettings
        {
            Authentication = AuthenticationMechanism.Basic,
            OperationTimeout = s.OperationTimeout,
            ConnectTimeout = s.ConnectTimeout,
        });
        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Equal(WsManAuthenticationFailure.BasicNotOffered, ex.Reason);
        Assert.Contains("winrm set winrm/config/service/auth @{Basic=\"true\"}", ex.Message);
        Assert.Contains("Negotiate", ex.OfferedSchemes);
        AssertNoSecret(ex.ToString());
    }

    [Fact]
    public async Task No_credentials_is_reported()
    {
        await using var sim = await StartAsync();
        using var client = new WsManClient(sim.HttpEndpoint!, credential: null);
        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Equal(WsManAuthenticationFailure.NoCredentials, ex.Reason);
    }

    [Fact]
    public async Task Unencrypted_refused_with_500_is_reported()
    {
        await using var sim = await StartAsync(o =>
        {
            o.AllowUnencrypted = false;
            o.UnencryptedRefusal = UnencryptedRefusal.Status500;
        });
        using var client = Client(sim.HttpEndpoint!);
        var ex = await Assert.ThrowsAsync<WsManAuthenticationException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Equal(WsManAuthenticationFailure.UnencryptedRefused, ex.Reason);
        Assert.Contains("AllowUnencrypted=\"true\"", ex.Message);
    }

    [Fact]
    public async Task Paging_with_max_elements_7_over_50_vms_uses_the_newest_context()
    {
        var trace = new List<WsManTraceEvent>();
        var sink = new ListTrace(trace);
        await using var sim = await StartAsync(vms: 50);
        using var client = Client(sim.HttpEndpoint!, maxElements: 7);
        var vms = await ToListAsync(client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2),
            "SELECT * FROM Msvm_ComputerSystem WHERE Description = 'Microsoft Virtual Machine'", sink, CancellationToken.None));
        Assert.Equal(50, vms.Count);
        Assert.Equal(50, vms.Select(v => v.GetString("Name")).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var pulls = trace.Count(e => e.Kind == WsManTraceKind.Operation && e.Action == "Pull");
        Assert.True(pulls >= 6, $"expected several Pulls, saw {pulls}");
        Assert.All(trace.Where(e => e.Kind == WsManTraceKind.Operation && e.ItemCount is not null), e => Assert.True(e.ItemCount <= 7));
        Assert.DoesNotContain(trace, e => e.Kind == WsManTraceKind.Operation && e.Action == "Release");
    }

    [Fact]
    public async Task Low_level_enumerate_pull_release()
    {
        await using var sim = await StartAsync(vms: 20);
        using var client = Client(sim.HttpEndpoint!, maxElements: 3);
        var first = await client.BeginEnumerationAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2), "SELECT * FROM Msvm_ComputerSystem", null, CancellationToken.None);
        Assert.False(first.EndOfSequence);
        Assert.NotNull(first.EnumerationContext);
        var second = await client.PullAsync(WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_ComputerSystem"), first.EnumerationContext!, 2, null, CancellationToken.None);
        Assert.InRange(second.Items.Count, 0, 2);
        Assert.NotNull(second.EnumerationContext);
        await client.ReleaseAsync(WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_ComputerSystem"), second.EnumerationContext!, null, CancellationToken.None);
        await Assert.ThrowsAsync<WsManFaultException>(() =>
            client.PullAsync(WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_ComputerSystem"), second.EnumerationContext!, 2, null, CancellationToken.None));
    }

    [Fact]
    public async Task Stopping_early_sends_release()
    {
        var trace = new List<WsManTraceEvent>();
        var sink = new ListTrace(trace);
        await using var sim = await StartAsync(vms: 30);
        using var client = Client(sim.HttpEndpoint!, maxElements: 5);
        var seen = 0;
        await foreach (var vm in client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2), "SELECT * FROM Msvm_ComputerSystem", sink, CancellationToken.None))
        {
            if (++seen == 7)
            {
                break;
            }
        }
        Assert.Equal(7, seen);
        Assert.Contains(trace, e => e.Kind == WsManTraceKind.Operation && e.Action == "Release");
    }

    [Theory]
    [InlineData(true, 7)]
    [InlineData(false, 7)]
    [InlineData(true, 1)]
    [InlineData(true, 5)]
    public async Task Stopping_early_leaves_no_enumeration_open(bool pullAhead, int stopAfter)
    {
        await using var sim = await StartAsync(vms: 30);
        using var client = Client(sim.HttpEndpoint!, maxElements: 5, tweak: o => new WsManSettings
        {
            MaxElements = o.MaxElements, OperationTimeout = o.OperationTimeout, ConnectTimeout = o.ConnectTimeout, PullAhead = pullAhead,
        });
        var seen = 0;
        await foreach (var vm in client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2), "SELECT * FROM Msvm_ComputerSystem", null, CancellationToken.None))
        {
            if (++seen == stopAfter)
            {
                break;
            }
        }
        Assert.Equal(stopAfter, seen);
        Assert.Equal(0, sim.Statistics.OpenEnumerations);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_next_pull_goes_out_while_a_page_is_still_being_read_only_with_pull_ahead(bool pullAhead)
    {
        await using var sim = await StartAsync(vms: 20);
        using var client = Client(sim.HttpEndpoint!, maxElements: 5, tweak: o => new WsManSettings
        {
            MaxElements = o.MaxElements, OperationTimeout = o.OperationTimeout, ConnectTimeout = o.ConnectTimeout, PullAhead = pullAhead,
        });
        await client.IdentifyAsync(false, null, CancellationToken.None);
        var names = new List<string>();
        long requestsWhileHoldingTheFirstItem = -1;
        await foreach (var vm in client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2), "SELECT * FROM Msvm_ComputerSystem", null, CancellationToken.None))
        {
            if (names.Count == 0)
            {
                var before = sim.Statistics.RequestCount;
                // With pull-ahead the next Pull reaches the server while we hold item 1 of page 1:
                // wait for it up to Bound, which only a hang exceeds. Without it nothing may arrive;
                // half a second gives a stray Pull time to show.
                var wait = pullAhead ? Bound : TimeSpan.FromMilliseconds(500);
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (sim.Statistics.RequestCount == before && waited.Elapsed < wait)
                {
                    await Task.Delay(20);
                }
                requestsWhileHoldingTheFirstItem = sim.Statistics.RequestCount - before;
            }
            names.Add(vm.GetString("Name")!);
        }
        Assert.Equal(pullAhead ? 1 : 0, requestsWhileHoldingTheFirstItem);
        Assert.Equal(21, names.Count); // 20 VMs and the host, in order, each once
        Assert.Equal(21, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(0, sim.Statistics.OpenEnumerations);
    }

    [Fact]
    public async Task Cancelling_with_a_pull_ahead_in_flight_releases_the_newest_context()
    {
        await using var sim = await StartAsync(o => o.LatencyMs = 50, vms: 30);
        using var client = Client(sim.HttpEndpoint!, maxElements: 5);
        using var cts = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var vm in client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2), "SELECT * FROM Msvm_ComputerSystem", null, cts.Token))
            {
                if (++seen == 6)
                {
                    cts.Cancel(); // item 1 of page 2: its Pull ahead is in flight
                }
            }
        });
        Assert.Equal(6, seen);
        Assert.Equal(0, sim.Statistics.OpenEnumerations);
    }

    [Fact]
    public async Task Get_and_invoke_round_trip()
    {
        await using var sim = await StartAsync(vms: 3);
        using var client = Client(sim.HttpEndpoint!);
        var vm = (await ToListAsync(client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2),
            "SELECT * FROM Msvm_ComputerSystem WHERE Description = 'Microsoft Virtual Machine'", null, CancellationToken.None)))[0];
        var selectors = new[] { KeyValuePair.Create("CreationClassName", "Msvm_ComputerSystem"), KeyValuePair.Create("Name", vm.GetString("Name")!) };
        var again = await client.GetAsync(WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_ComputerSystem"), selectors, null, CancellationToken.None);
        Assert.Equal(vm.GetString("ElementName"), again.GetString("ElementName"));
        var output = await client.InvokeAsync(WmiNamespace.ClassUri(WmiNamespace.V2, "Msvm_ComputerSystem"), "RequestStateChange", selectors,
            new KeyValuePair<string, object?>[] { new("RequestedState", "2") }, null, CancellationToken.None);
        Assert.Equal("RequestStateChange_OUTPUT", output.ClassName);
        Assert.NotNull(output.GetUInt64("ReturnValue"));
    }

    [Fact]
    public async Task Fault_from_bad_class_is_a_typed_fault()
    {
        await using var sim = await StartAsync();
        using var client = Client(sim.HttpEndpoint!);
        var ex = await Assert.ThrowsAsync<WsManFaultException>(() => ToListAsync(client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2),
            "SELECT * FROM Msvm_NoSuchClass", null, CancellationToken.None)));
        Assert.Equal(WsManFaultException.CodeCannotProcessFilter, ex.WsManCode);
        Assert.Equal("n:CannotProcessFilter", ex.Subcode);
    }

    [Fact]
    public async Task Cancellation_mid_request_throws_operation_canceled()
    {
        await using var sim = await StartAsync(o => o.Faults.Add(new FaultRule(FaultKind.Latency) { LatencyMs = 15000, Operation = "Enumerate" }));
        using var client = Client(sim.HttpEndpoint!);
        await client.IdentifyAsync(false, null, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var task = ToListAsync(client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2), "SELECT * FROM Msvm_ComputerSystem", null, cts.Token));
        var finished = await Task.WhenAny(task, Task.Delay(Bound));
        Assert.Same(task, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task Cancellation_while_the_body_drips_aborts_the_read()
    {
        await using var sim = await StartAsync(o => o.Faults.Add(new FaultRule(FaultKind.Drip) { ChunkBytes = 16, LatencyMs = 200, Operation = "Enumerate" }), vms: 20);
        using var client = Client(sim.HttpEndpoint!);
        await client.IdentifyAsync(false, null, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));
        var task = Task.Run(() => ToListAsync(client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2), "SELECT * FROM Msvm_ComputerSystem", null, cts.Token)));
        var finished = await Task.WhenAny(task, Task.Delay(Bound));
        Assert.Same(task, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task Server_faults_map_to_typed_exceptions()
    {
        await using var sim = await StartAsync();
        using var client = Client(sim.HttpEndpoint!);
        await client.IdentifyAsync(false, null, CancellationToken.None);
        var uri = WmiNamespace.AllClassesUri(WmiNamespace.V2);
        const string wql = "SELECT * FROM Msvm_ComputerSystem";

        sim.Faults.Add(new FaultRule(FaultKind.Http503) { Times = 1, Operation = "Enumerate" });
        var unavailable = await Assert.ThrowsAsync<WsManProtocolException>(() => ToListAsync(client.EnumerateAsync(uri, wql, null, CancellationToken.None)));
        Assert.Equal(503, unavailable.HttpStatus);
        Assert.Contains("service unavailable", unavailable.Message);

        sim.Faults.Add(new FaultRule(FaultKind.WrongContentType) { Times = 1, Operation = "Enumerate" });
        var wrongType = await Assert.ThrowsAsync<WsManProtocolException>(() => ToListAsync(client.EnumerateAsync(uri, wql, null, CancellationToken.None)));
        Assert.Contains("text/html", wrongType.Message);

        sim.Faults.Add(new FaultRule(FaultKind.Truncate) { Times = 1, Operation = "Enumerate" });
        await Assert.ThrowsAsync<WsManProtocolException>(() => ToListAsync(client.EnumerateAsync(uri, wql, null, CancellationToken.None)));

        sim.Faults.Add(new FaultRule(FaultKind.InvalidXml) { Times = 1, Operation = "Enumerate" });
        await Assert.ThrowsAsync<WsManProtocolException>(() => ToListAsync(client.EnumerateAsync(uri, wql, null, CancellationToken.None)));

        sim.Faults.Add(new FaultRule(FaultKind.Reset) { Times = 1, Operation = "Enumerate" });
        await Assert.ThrowsAnyAsync<WsManException>(() => ToListAsync(client.EnumerateAsync(uri, wql, null, CancellationToken.None)));

        sim.Faults.Add(new FaultRule(FaultKind.WmiError) { Times = 1, Operation = "Enumerate" });
        var wmi = await Assert.ThrowsAsync<WsManFaultException>(() => ToListAsync(client.EnumerateAsync(uri, wql, null, CancellationToken.None)));
        Assert.NotNull(wmi.WmiError);

        // Still healthy afterwards.
        Assert.NotEmpty(await ToListAsync(client.EnumerateAsync(uri, wql, null, CancellationToken.None)));
    }

    [Fact]
    public async Task Oversize_response_is_refused()
    {
        await using var sim = await StartAsync(o => o.Faults.Add(new FaultRule(FaultKind.Oversize) { OversizeBytes = 4 * 1024 * 1024, Operation = "Enumerate" }));
        using var client = Client(sim.HttpEndpoint!, tweak: o => new WsManSettings
        {
            MaxResponseBytes = 1024 * 1024,
        });
        var ex = await Assert.ThrowsAsync<WsManProtocolException>(() => ToListAsync(client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2),
            "SELECT * FROM Msvm_ComputerSystem", null, CancellationToken.None)));
        Assert.Contains("limit", ex.Message);
    }

    [Fact]
    public async Task Pull_timed_out_is_retried_once()
    {
        await using var sim = await StartAsync(o => o.Faults.Add(new FaultRule(FaultKind.WsManFault) { FaultName = "TimedOut", Times = 1, Operation = "Pull" }), vms: 12);
        using var client = Client(sim.HttpEndpoint!, maxElements: 4);
        var all = await ToListAsync(client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2), "SELECT * FROM Msvm_ComputerSystem WHERE Description = 'Microsoft Virtual Machine'", null, CancellationToken.None));
        Assert.Equal(12, all.Count);
    }

    [Theory]
    [InlineData(FaultKind.WsManFault)]
    [InlineData(FaultKind.Reset)]
    [InlineData(FaultKind.Truncate)]
    public async Task A_failing_pull_sent_ahead_fails_the_listing_after_the_pages_before_it(FaultKind kind)
    {
        // The second Pull fails; it was sent while page 2 (the first Pull's) was being read.
        await using var sim = await StartAsync(o => o.Faults.Add(new FaultRule(kind) { FromRequest = 2, Times = 1, Operation = "Pull" }), vms: 20);
        using var client = Client(sim.HttpEndpoint!, maxElements: 5);
        var seen = 0;
        var failure = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2), "SELECT * FROM Msvm_ComputerSystem", null, CancellationToken.None)
                               .WithCancellation(new CancellationTokenSource(Bound).Token))
            {
                seen++;
            }
        });
        Assert.IsAssignableFrom<WsManException>(failure);
        // The Enumerate's page and the first Pull's, then the failure; a page cut off (truncated, or reset once part of it
        // was sent) still streams the whole items that arrived.
        if (kind is FaultKind.Truncate or FaultKind.Reset)
        {
            Assert.InRange(seen, 10, 14);
        }
        else
        {
            Assert.Equal(10, seen);
        }
    }

    [Fact]
    public async Task Tls_default_rejects_self_signed_with_thumbprint_in_message()
    {
        await using var sim = await StartAsync(https: true);
        using var client = Client(sim.HttpsEndpoint!);
        var ex = await Assert.ThrowsAsync<WsManCertificateException>(() => client.IdentifyAsync(true, null, CancellationToken.None));
        Assert.Equal(sim.Certificate!.Thumbprint, ex.Thumbprint);
        Assert.Contains(sim.Certificate.Thumbprint, ex.Message);
        Assert.Contains("-SkipCACheck", ex.Message);
        Assert.Contains("-CertificateThumbprint", ex.Message);
        Assert.Contains("CN=localhost", ex.Message);
    }

    [Fact]
    public async Task Tls_skip_checks_accept()
    {
        await using var sim = await StartAsync(https: true);
        using var client = Client(sim.HttpsEndpoint!, tweak: o => new WsManSettings
        {
            SkipCACheck = true, SkipCNCheck = true,
        });
        var id = await client.IdentifyAsync(false, null, CancellationToken.None);
        Assert.Equal("Microsoft Corporation", id.ProductVendor);
    }

    [Fact]
    public async Task Tls_pin_accepts_sha1_and_sha256_and_wrong_pin_rejects()
    {
        await using var sim = await StartAsync(https: true);
        var sha1 = sim.Certificate!.Thumbprint;
        var sha256 = Convert.ToHexString(sim.Certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)).ToLowerInvariant();
        foreach (var pin in new[] { sha1, sha256 })
        {
            using var pinned = Client(sim.HttpsEndpoint!, tweak: o => new WsManSettings { CertificateThumbprint = pin });
            Assert.Equal("Microsoft Corporation", (await pinned.IdentifyAsync(false, null, CancellationToken.None)).ProductVendor);
        }
        using var wrong = Client(sim.HttpsEndpoint!, tweak: o => new WsManSettings
        {
            CertificateThumbprint = new string('A', 40), SkipCACheck = true, SkipCNCheck = true,
        });
        var ex = await Assert.ThrowsAsync<WsManCertificateException>(() => wrong.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Contains(sha1, ex.Message);
    }

    [Fact]
    public async Task Connection_refused_names_host_and_port()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        using var client = Client(new Uri($"http://127.0.0.1:{port}/wsman"));
        var ex = await Assert.ThrowsAsync<WsManConnectionException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Equal(WsManConnectionFailure.Refused, ex.Failure);
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
        Assert.Equal(port, ex.Port);
        AssertNoSecret(ex.ToString());
    }
}
