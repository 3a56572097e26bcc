using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.DomainXml;

/// <summary>
/// The XML and disks of domains a caller already listed (the cmdlets list every host once, then read): the same batch
/// as a filtered read without its listing, in the order given, and nothing sent for no domains.
/// </summary>
public sealed class AlreadyListedDomainsTests
{
    private const string User = "admin";
    private const string Password = "Sim-Listed-5521!";

    private static async Task<(SimulatorServer Sim, HvConnection Connection, List<HvDomain> Listed)> StartAsync()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = 8;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        var listed = new List<HvDomain>();
        await foreach (var domain in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), detailed: false))
        {
            listed.Add(domain);
        }
        return (sim, connection, listed);
    }

    [Fact]
    public async Task Xml_of_listed_domains_costs_one_query_less_than_a_filtered_read_and_keeps_the_order_given()
    {
        var (sim, connection, listed) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var some = listed.Take(3).Reverse().ToArray();
        var filtered = new EnumerationCounter();
        var byFilter = new Dictionary<Guid, string?>();
        await foreach (var result in new DomainXmlService(connection, filtered).GetAsync(new DomainFilter { Uuids = some.Select(d => d.Uuid).ToArray() }, null))
        {
            byFilter[result.Domain.Uuid] = result.Xml;
        }
        var given = new EnumerationCounter();

        var results = new List<DomainXmlResult>();
        await foreach (var result in new DomainXmlService(connection, given).GetAsync(some, inactive: false))
        {
            results.Add(result);
        }

        Assert.Equal(filtered.Enumerations - 1, given.Enumerations);
        Assert.Equal(some.Select(d => d.Uuid), results.Select(r => r.Domain.Uuid));
        Assert.All(results, r => Assert.Equal(byFilter[r.Domain.Uuid], r.Xml));
        Assert.All(results, r => Assert.NotNull(r.Xml));
    }

    [Fact]
    public async Task Disks_of_listed_domains_match_a_filtered_read_without_its_listing()
    {
        var (sim, connection, listed) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var filtered = new EnumerationCounter();
        var byFilter = new List<string>();
        await foreach (var result in new DomainBlockService(connection, filtered).GetAsync(new DomainFilter(), sizes: false, null, null))
        {
            byFilter.AddRange(result.Devices.Select(d => $"{d.Domain}|{d.Target}|{d.Source}"));
        }
        var given = new EnumerationCounter();

        var devices = new List<string>();
        await foreach (var result in new DomainBlockService(connection, given).GetAsync(listed, sizes: false, null))
        {
            devices.AddRange(result.Devices.Select(d => $"{d.Domain}|{d.Target}|{d.Source}"));
        }

        Assert.NotEmpty(devices);
        Assert.Equal(byFilter, devices);
        Assert.Equal(filtered.Enumerations - 1, given.Enumerations);
    }

    [Fact]
    public async Task No_domains_send_no_query()
    {
        var (sim, connection, _) = await StartAsync();
        await using var __ = sim;
        using var ___ = connection;
        var trace = new EnumerationCounter();

        await foreach (var result in new DomainXmlService(connection, trace).GetAsync([], inactive: false))
        {
            Assert.Fail($"unexpected result for {result.Domain.Name}");
        }
        await foreach (var result in new DomainBlockService(connection, trace).GetAsync([], sizes: true, null))
        {
            Assert.Fail($"unexpected result for {result.Domain.Name}");
        }

        Assert.Equal(0, trace.Enumerations);
    }
}
