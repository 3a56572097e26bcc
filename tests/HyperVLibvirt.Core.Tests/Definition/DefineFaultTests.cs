using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Definition;
using HyperVLibvirt.Core.Devices;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Definition;

/// <summary>
/// Every call of a define failed in turn, by its return code and by its job, with the simulator's per-method faults: each
/// failure leaves no VM and no new disk behind, and a failed undo says exactly what remains.
/// </summary>
public sealed class DefineFaultTests
{
    private const string User = "admin";
    private const string Password = "Sim-DefineFault-8812!";
    private const string NewDiskPath = @"C:\VMs\faulty.vhdx";

    // A generation 2 domain that makes every kind of call: CreateVirtualHardDisk; DefineSystem; ModifyResourceSettings for
    // processors and memory (1) and COM 1 (2); AddResourceSettings for the SCSI controller (1), the disk drive (2) and its
    // image (3), the DVD drive (4) and its image (5), the adapter (6) and its switch connection (7).
    private static NewDomainSpec Spec() =>
        DomainParameters.ToSpec("faulty", 2, 2UL << 30, 2, null, null, @"C:\ISO\ubuntu-24.04-live-server-amd64.iso", "External",
            new NewVirtualHardDisk(NewDiskPath, 10UL << 30)) is var spec
            ? spec with { Devices = [.. spec.Devices, new SerialPortSpec { Port = 1, PipePath = @"\\.\pipe\faulty-com1" }] }
            : throw new InvalidOperationException();

    // Counts invokes by method from the trace: an Invoke's operation event carries the method as its action.
    private sealed class Calls : IWsManTrace
    {
        private readonly List<WsManTraceEvent> _events = [];

        public bool WantsEnvelopes => false;

        public void Write(WsManTraceEvent traceEvent)
        {
            lock (_events)
            {
                _events.Add(traceEvent);
            }
        }

        public int Count(string method)
        {
            lock (_events)
            {
                return _events.Count(e => e.Kind == WsManTraceKind.Operation && e.Action == method);
            }
        }
    }

    public static TheoryData<string, int> Steps => new()
    {
        { "CreateVirtualHardDisk", 1 },
        { "DefineSystem", 1 },
        { "ModifyResourceSettings", 1 },
        { "ModifyResourceSettings", 2 },
        { "AddResourceSettings", 1 },
        { "AddResourceSettings", 2 },
        { "AddResourceSettings", 3 },
        { "AddResourceSettings", 4 },
        { "AddResourceSettings", 5 },
        { "AddResourceSettings", 6 },
        { "AddResourceSettings", 7 },
    };

    private static async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync(params FaultRule[] faults)
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = 2;
        options.Host.JobDuration = TimeSpan.FromMilliseconds(10);
        options.Accounts.Add(new SimulatorAccount(User, Password));
        foreach (var fault in faults)
        {
            options.Faults.Add(fault);
        }
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    private static async Task<List<string>> NamesAsync(HvConnection connection)
    {
        var names = new List<string>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), false))
        {
            names.Add(d.Name);
        }
        return names;
    }

    [Fact]
    public async Task Without_faults_the_define_makes_every_call_the_theories_fail()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;

        var calls = new Calls();

        var domain = await new DomainDefineService(connection, calls).DefineAsync(Spec(), null, CancellationToken.None);

        Assert.Equal("faulty", domain.Name);
        // The theories fail the last call of each method, so the counts must be exactly these.
        Assert.Equal(7, calls.Count("AddResourceSettings"));
        Assert.Equal(2, calls.Count("ModifyResourceSettings"));
        Assert.Equal(1, calls.Count("DefineSystem"));
        Assert.Equal(1, calls.Count("CreateVirtualHardDisk"));
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_refused_call_leaves_nothing_behind(string method, int occurrence) =>
        await FailAndCheckAsync(new FaultRule(FaultKind.MethodReturnCode) { Method = method, FromRequest = occurrence, Times = 1, ReturnCode = 32768 }, method);

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_failed_job_leaves_nothing_behind(string method, int occurrence) =>
        await FailAndCheckAsync(new FaultRule(FaultKind.MethodJobFailure) { Method = method, FromRequest = occurrence, Times = 1 }, method);

    private static async Task FailAndCheckAsync(FaultRule fault, string method)
    {
        var (sim, connection) = await StartAsync(fault);
        await using var _ = sim;
        using var __ = connection;
        var before = await NamesAsync(connection);

        var error = await Assert.ThrowsAsync<HvDefineException>(() => new DomainDefineService(connection, null).DefineAsync(Spec(), null, CancellationToken.None));

        Assert.Equal(1, fault.AppliedCount);
        Assert.Equal(DefineFailure.DefineFailed, error.Reason);
        Assert.False(error.Remains);
        Assert.NotNull(error.InnerException);
        Assert.Contains(method == "CreateVirtualHardDisk" ? "Nothing was created." : "nothing remains.", error.Message);
        Assert.Equal(before, await NamesAsync(connection));
        Assert.Empty(await new HostFileService(connection, null).GetExistingAsync([NewDiskPath], CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_undo_names_what_remains_and_how_to_remove_it()
    {
        var (sim, connection) = await StartAsync(
            new FaultRule(FaultKind.MethodReturnCode) { Method = "AddResourceSettings", FromRequest = 3, Times = 1 },
            new FaultRule(FaultKind.MethodReturnCode) { Method = "DestroySystem", Times = 1 });
        await using var _ = sim;
        using var __ = connection;

        var error = await Assert.ThrowsAsync<HvDefineException>(() => new DomainDefineService(connection, null).DefineAsync(Spec(), null, CancellationToken.None));

        Assert.Equal(DefineFailure.DefineUndoFailed, error.Reason);
        Assert.True(error.Remains);
        var uuid = error.DomainUuid!.Value;
        Assert.Contains($"domain 'faulty' with UUID {uuid:D} remains", error.Message);
        Assert.Equal($"Remove it with Remove-HvDomain -Uuid {uuid:D} -Force. Then delete '{NewDiskPath}' on the host.", error.RecommendedAction);
        Assert.Contains($"the disk '{NewDiskPath}' stays with it", error.Message);
        Assert.Contains("faulty", await NamesAsync(connection));
        // The domain stays, so its disk is not deleted under it.
        Assert.NotEmpty(await new HostFileService(connection, null).GetExistingAsync([NewDiskPath], CancellationToken.None));
    }
}
