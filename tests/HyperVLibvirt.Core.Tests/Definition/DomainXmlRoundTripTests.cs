using System.Net;
using System.Text.RegularExpressions;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Definition;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;

namespace HyperVLibvirt.Core.Tests.Definition;

/// <summary>
/// XML in, define, XML out: each stock VM's dumpxml, renamed, given a new UUID and without pass-through disks (which one VM at a time has), defines a VM whose dumpxml is the same text
/// but for the name, the UUID and what Hyper-V assigns (a dynamic MAC).
/// </summary>
public sealed partial class DomainXmlRoundTripTests
{
    private const string User = "admin";
    private const string Password = "Sim-RoundTrip-2290!";

    [GeneratedRegex("<uuid>[^<]*</uuid>")]
    private static partial Regex UuidElement();

    // A pass-through disk belongs to one VM at a time (Hyper-V refuses a host disk in use): the copy goes without it.
    [GeneratedRegex(@"    <disk type='block'.*?</disk>\n", RegexOptions.Singleline)]
    private static partial Regex PassThroughDisk();

    private static async Task<(SimulatorServer Sim, HvConnection Connection)> StartAsync()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = 8;
        options.Host.Seed = 1;
        options.Host.JobDuration = TimeSpan.FromMilliseconds(10);
        options.Accounts.Add(new SimulatorAccount(User, Password));
        var sim = await SimulatorServer.StartAsync(options);
        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        return (sim, connection);
    }

    private static async Task<List<(HvDomain Domain, string Xml)>> DumpAllAsync(HvConnection connection)
    {
        var all = new List<(HvDomain, string)>();
        await foreach (var result in new DomainXmlService(connection, null).GetAsync(new DomainFilter(), inactive: true, problems: null))
        {
            all.Add((result.Domain, result.Xml ?? throw result.Error!));
        }
        return all;
    }

    [Fact]
    public async Task Every_stock_domain_defines_again_from_its_own_xml()
    {
        var (sim, connection) = await StartAsync();
        await using var _ = sim;
        using var __ = connection;
        var originals = await DumpAllAsync(connection);
        Assert.Equal(8, originals.Count);
        // At least one of each generation, with disks, a DVD, a piped serial port and a connected adapter among them.
        Assert.Contains(originals, o => o.Xml.Contains("<os firmware='efi'>", StringComparison.Ordinal));
        Assert.Contains(originals, o => o.Xml.Contains("<controller type='ide'", StringComparison.Ordinal));
        Assert.Contains(originals, o => o.Xml.Contains("device='cdrom'", StringComparison.Ordinal));
        Assert.Contains(originals, o => o.Xml.Contains(@"\\.\pipe\", StringComparison.Ordinal));
        Assert.Contains(originals, o => o.Xml.Contains("<interface type='bridge'>", StringComparison.Ordinal));

        var service = new DomainDefineService(connection, null);
        foreach (var (domain, xml) in originals)
        {
            var uuid = Guid.NewGuid();
            var copyName = domain.Name + "-copy";
            var input = PassThroughDisk().Replace(UuidElement().Replace(xml, $"<uuid>{uuid:D}</uuid>"), string.Empty)
                .Replace($"<name>{domain.Name}</name>", $"<name>{copyName}</name>", StringComparison.Ordinal);

            var copy = await service.DefineAsync(DomainXmlReader.Read(input), null, CancellationToken.None);

            Assert.Equal(uuid, copy.Uuid);
            var output = (await DumpAllAsync(connection)).Single(o => o.Domain.Uuid == uuid).Xml;
            Assert.Equal(input, output);
        }
    }
}
