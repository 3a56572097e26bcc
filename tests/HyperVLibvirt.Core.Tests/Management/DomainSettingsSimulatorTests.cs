using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Management;

/// <summary>Configuration changes end to end against the in-process simulator: sent as embedded instances, read back, refused where Hyper-V refuses.</summary>
public sealed class DomainSettingsSimulatorTests : IDisposable
{
    private const string User = "admin";
    private const string Password = "Sim-Settings-7731!";
    private const string Inventory = """
        { "vms": [
          { "name": "off1", "state": "off", "vcpus": 2, "memoryMB": 2048, "maxMemoryMB": 4096, "dynamicMemory": false },
          { "name": "fixed", "state": "running", "vcpus": 2, "memoryMB": 2048, "maxMemoryMB": 2048, "dynamicMemory": false },
          { "name": "dynamic", "state": "running", "vcpus": 2, "memoryMB": 2048, "maxMemoryMB": 8192, "dynamicMemory": true }
        ] }
        """;

    private readonly string _inventoryPath = Path.Combine(Path.GetTempPath(), "hvl-settings-" + Guid.NewGuid().ToString("N") + ".json");

    public DomainSettingsSimulatorTests() => File.WriteAllText(_inventoryPath, Inventory);

    public void Dispose() => File.Delete(_inventoryPath);

    private sealed class Requests : IWsManTrace
    {
        public List<string> Operations { get; } = [];

        public bool WantsEnvelopes => true;

        public void Write(WsManTraceEvent traceEvent)
        {
            lock (Operations)
            {
                Operations.Add(traceEvent.ToString() ?? string.Empty);
            }
        }
    }

    private async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.InventoryPath = _inventoryPath;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    private static async Task<HvDomain> DomainAsync(HvConnection connection, string name)
    {
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter { ExactNames = [name] }, true))
        {
            return d;
        }
        throw new InvalidOperationException("no " + name);
    }

    [Fact]
    public async Task Memory_vcpus_and_autostart_of_an_off_domain_change_and_read_back()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var trace = new Requests();
        var service = new DomainSettingsService(connection, trace);
        var after = await service.SetAsync(await DomainAsync(connection, "off1"), new DomainSettingsChange
        {
            MemoryBytes = 3000UL * 1024 * 1024 + 1, // 3000 MiB and a byte: 3001 MiB, rounded up to even
            MaxMemoryBytes = 6UL << 30,
            VcpuCount = 4,
            Autostart = true,
        }, null, CancellationToken.None);

        Assert.Equal(3002UL << 20, after.Memory);
        Assert.Equal(6UL << 30, after.MaxMemory);
        Assert.Equal(4, after.VCpus);
        Assert.True(after.Autostart);

        // Both resources in one ModifyResourceSettings, as CIM-XML in CDATA; autostart in ModifySystemSettings.
        var modify = Assert.Single(trace.Operations, o => o.StartsWith("RequestEnvelope ModifyResourceSettings", StringComparison.Ordinal));
        Assert.Contains("<p:ResourceSettings><![CDATA[<INSTANCE CLASSNAME=\"Msvm_MemorySettingData\">", modify);
        Assert.Contains("<PROPERTY NAME=\"VirtualQuantity\" TYPE=\"uint64\"><VALUE>3002</VALUE></PROPERTY>", modify);
        Assert.Contains("<p:ResourceSettings><![CDATA[<INSTANCE CLASSNAME=\"Msvm_ProcessorSettingData\">", modify);
        Assert.Single(trace.Operations, o => o.StartsWith("RequestEnvelope ModifySystemSettings", StringComparison.Ordinal));
        // The resource change answered 4096: its job was read until done.
        Assert.Contains(trace.Operations, o => o.StartsWith("RequestEnvelope Enumerate", StringComparison.Ordinal) && o.Contains("Msvm_ConcreteJob", StringComparison.Ordinal));

        // A fresh read shows the same: the host changed, not just the object.
        var again = await DomainAsync(connection, "off1");
        Assert.Equal(3002UL << 20, again.Memory);
        Assert.Equal(4, again.VCpus);
        Assert.True(again.Autostart);

        var off = await service.SetAsync(again, new DomainSettingsChange { Autostart = false }, null, CancellationToken.None);
        Assert.False(off.Autostart);
    }

    [Fact]
    public async Task A_running_domain_without_dynamic_memory_is_refused_before_anything_is_sent()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var domain = await DomainAsync(connection, "fixed");
        var trace = new Requests();
        var e = await Assert.ThrowsAsync<HvSettingsException>(() =>
            new DomainSettingsService(connection, trace).SetAsync(domain, new DomainSettingsChange { MemoryBytes = 1UL << 30 }, null, CancellationToken.None));
        Assert.Equal(SettingsFailure.MemoryFixedWhileActive, e.Reason);
        Assert.True(e.IsStateConflict);
        Assert.Contains("Stop-HvDomain", e.RecommendedAction);
        Assert.NotEmpty(trace.Operations);
        Assert.DoesNotContain(trace.Operations, o => o.Contains("ModifyResourceSettings", StringComparison.Ordinal));
        Assert.Equal(2UL << 30, (await DomainAsync(connection, "fixed")).Memory);

        var vcpus = await Assert.ThrowsAsync<HvSettingsException>(() =>
            new DomainSettingsService(connection, null).SetAsync(domain, new DomainSettingsChange { VcpuCount = 3 }, null, CancellationToken.None));
        Assert.Equal(SettingsFailure.VcpusNeedDomainOff, vcpus.Reason);
    }

    [Fact]
    public async Task A_running_domain_with_dynamic_memory_changes_memory()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var after = await new DomainSettingsService(connection, null).SetAsync(await DomainAsync(connection, "dynamic"),
            new DomainSettingsChange { MemoryBytes = 4UL << 30 }, null, CancellationToken.None);
        Assert.Equal(4UL << 30, after.Memory);
        Assert.Equal(8UL << 30, after.MaxMemory);
    }

    [Fact]
    public async Task The_hosts_refusal_comes_back_with_its_code()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        // 2 TiB passes the client's checks; the host answers 32773.
        var off1 = await DomainAsync(connection, "off1");
        var e = await Assert.ThrowsAsync<HvSettingsException>(() => new DomainSettingsService(connection, null).SetAsync(
            off1, new DomainSettingsChange { MemoryBytes = 2UL << 40, MaxMemoryBytes = 2UL << 40 }, null, CancellationToken.None));
        Assert.Equal(SettingsFailure.HostRefused, e.Reason);
        Assert.Equal(32773u, e.ReturnValue);
        Assert.Contains("Invocation of ModifyResourceSettings returned an error: Invalid parameter (32773)", e.Message);
    }

    [Fact]
    public async Task A_service_method_hands_the_refusal_to_its_callers_callback()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var off1 = await DomainAsync(connection, "off1");
        var (resources, _) = DomainSettingsService.Plan(off1, new DomainSettingsChange { MemoryBytes = 2UL << 40, MaxMemoryBytes = 2UL << 40 });
        var failures = new List<ServiceMethodFailure>();
        var method = new ServiceMethod(connection, null, "Msvm_VirtualSystemManagementService", failure =>
        {
            failures.Add(failure);
            return new TimeoutException("the caller's own exception");
        });
        var context = new JobContext(DomainOperation.Configure, "ModifyResourceSettings", off1.Name, off1.Uuid, connection.ComputerName);

        var e = await Assert.ThrowsAsync<TimeoutException>(() => method.InvokeAsync("ModifyResourceSettings",
            [new("ResourceSettings", resources[0])], context, new StateChangeOptions(), CancellationToken.None));

        Assert.Equal("the caller's own exception", e.Message);
        var failure = Assert.Single(failures);
        Assert.Equal(ServiceMethodFault.Refused, failure.Fault);
        Assert.Equal("ModifyResourceSettings", failure.Method);
        Assert.Equal(32773u, failure.ReturnValue);
        Assert.Same(context, failure.Context);
    }

    [Fact]
    public async Task Memory_above_the_maximum_is_refused_before_sending()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var off1 = await DomainAsync(connection, "off1");
        var e = await Assert.ThrowsAsync<HvSettingsException>(() => new DomainSettingsService(connection, null).SetAsync(
            off1, new DomainSettingsChange { MemoryBytes = 5UL << 30 }, null, CancellationToken.None));
        Assert.Equal(SettingsFailure.ValueOutOfRange, e.Reason);
        Assert.Contains("-MaxMemory", e.RecommendedAction);
    }
}
