using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Node;
using HyperVLibvirt.Core.Tests.WsMan;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.Vcpus;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Vcpus;

/// <summary>The node and vCPU services end to end: round trips against the simulator, and a host without the counter class.</summary>
public sealed class VcpuServiceTests
{
    private const string User = "admin";
    private const string Password = "Sim-Vcpu-7310!";

    private sealed class CountingTrace : IWsManTrace
    {
        private int _enumerates;

        public int Enumerates => Volatile.Read(ref _enumerates);

        public bool WantsEnvelopes => false;

        public void Write(WsManTraceEvent traceEvent)
        {
            if (traceEvent.Kind == WsManTraceKind.Operation && traceEvent.Action.EndsWith("Enumerate", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _enumerates);
            }
        }
    }

    private static async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync(int vms)
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = vms;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    private static async Task<List<HvDomain>> DomainsAsync(HvConnection connection)
    {
        var list = new List<HvDomain>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), false))
        {
            list.Add(d);
        }
        return list;
    }

    [Fact]
    public async Task Vcpuinfo_for_a_hundred_domains_costs_two_queries()
    {
        var (sim, connection) = await StartAsync(100);
        await using var _ = sim;
        using var __ = connection;
        var domains = await DomainsAsync(connection);
        var trace = new CountingTrace();
        var report = await new VcpuService(connection, trace).GetVcpusAsync(domains, CancellationToken.None);
        Assert.Equal(2, trace.Enumerates);
        Assert.Equal(domains.Count, report.Rows.Select(r => r.Uuid).Distinct().Count());
        // Running VMs have used time; paused ones that never ran in the simulator have none yet, but are still Running.
        var running = domains.Where(d => d.HyperVState == "Running").Select(d => d.Uuid).ToHashSet();
        Assert.NotEmpty(running);
        Assert.All(report.Rows.Where(r => running.Contains(r.Uuid)), r => Assert.True(r.CpuTimeNs > 0));
        Assert.All(report.Rows.Where(r => r.State == "Running"), r => Assert.True(domains.Single(d => d.Uuid == r.Uuid).IsActive));
        Assert.Contains(report.Rows, r => r.State == "Offline");
        Assert.Empty(report.MissingSettings);
    }

    [Fact]
    public async Task Schedinfo_and_vcpucount_name_few_domains_in_one_query_each()
    {
        var (sim, connection) = await StartAsync(8);
        await using var _ = sim;
        using var __ = connection;
        var domains = (await DomainsAsync(connection)).Take(3).ToArray();
        var trace = new CountingTrace();
        var service = new VcpuService(connection, trace);
        var schedulers = await service.GetSchedulersAsync(domains, CancellationToken.None);
        Assert.Equal(1, trace.Enumerates);
        Assert.Equal(domains.Select(d => d.Uuid), schedulers.Select(s => s.Uuid));
        var counts = await service.GetVcpuCountsAsync(domains, CancellationToken.None);
        Assert.Equal(3, trace.Enumerates);
        Assert.All(counts, c => Assert.Equal(32UL, c.MaximumConfig));
        Assert.All(counts, c => Assert.NotNull(c.CurrentConfig));
    }

    [Fact]
    public async Task Node_info_costs_five_queries()
    {
        var (sim, connection) = await StartAsync(2);
        await using var _ = sim;
        using var __ = connection;
        var trace = new CountingTrace();
        var node = await new NodeService(connection, trace).GetNodeInfoAsync(CancellationToken.None);
        Assert.Equal(5, trace.Enumerates);
        Assert.Equal("HV-SIM01", node.HostName);
        Assert.Equal(32UL, node.MaxVcpus);
        Assert.NotNull(node.Uuid);
        Assert.Equal(node.Uuid, Guid.Parse(System.Xml.Linq.XDocument.Parse(await new NodeService(connection, null).GetCapabilitiesXmlAsync(CancellationToken.None))
            .Root!.Element("host")!.Element("uuid")!.Value));
    }

    private const string ClassNotFound =
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\">" +
        "<s:Header><a:Action>http://schemas.xmlsoap.org/ws/2004/09/enumeration/fault</a:Action></s:Header><s:Body><s:Fault>" +
        "<s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>n:CannotProcessFilter</s:Value></s:Subcode></s:Code>" +
        "<s:Reason><s:Text xml:lang=\"en-US\">The data source could not process the filter.</s:Text></s:Reason>" +
        "<s:Detail><f:WSManFault Code=\"2150858778\" Machine=\"hv01\" xmlns:f=\"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault\">" +
        "<f:Message>The specified class does not exist in the given namespace. </f:Message></f:WSManFault></s:Detail></s:Fault></s:Body></s:Envelope>";

    private static Task Respond(HostileRequest request, Stream s)
    {
        var body = request.Body;
        if (body.Contains("Win32_PerfRawData", StringComparison.Ordinal))
        {
            return HostileServer.WriteAsync(s, ClassNotFound, status: 500);
        }
        var page = body.Contains("Win32_OperatingSystem", StringComparison.Ordinal)
            ? HostileServer.Page(true, null,
                "<p:Win32_OperatingSystem xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/Win32_OperatingSystem\">" +
                "<p:CSName>HV01</p:CSName><p:Version>10.0.17763</p:Version></p:Win32_OperatingSystem>", end: true)
            : body.Contains("Enumerate", StringComparison.Ordinal) || body.Contains("enumeration", StringComparison.Ordinal)
                ? HostileServer.Page(true, null, string.Empty, end: true)
                : "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\"><s:Body><wsmid:IdentifyResponse/></s:Body></s:Envelope>";
        return HostileServer.WriteAsync(s, page);
    }

    [Fact]
    public async Task A_host_without_the_counter_class_is_told_as_such()
    {
        await using var server = new HostileServer((req, s, ct) => Respond(req, s));
        var uri = LibvirtUri.Parse($"hyperv://admin@127.0.0.1:{server.Port}/?transport=http");
        using var connection = await HvConnection.OpenAsync(uri, new NetworkCredential("admin", "P@ss-4"), new WsManSettings(), null, CancellationToken.None);
        var running = new HvDomain(DomainRecord.FromComputerSystem(HyperV.Cim.ComputerSystem("11111111-1111-4111-8111-111111111111", "web", 2, 1234)), connection.Id, "127.0.0.1");
        var ex = await Assert.ThrowsAsync<HvClassNotFoundException>(() => new VcpuService(connection, null).GetVcpusAsync([running], CancellationToken.None));
        Assert.Equal("Win32_PerfRawData_HvStats_HyperVHypervisorVirtualProcessor", ex.ClassName);
        Assert.Equal("root/cimv2", ex.Namespace);
        Assert.Contains("hypervisor is running", ex.Message, StringComparison.Ordinal);
        Assert.IsType<WsManFaultException>(ex.InnerException);
    }
}
