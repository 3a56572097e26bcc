using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Tests.WsMan;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.HyperV;

/// <summary>A host that lists things that are not VMs, or VMs that cannot be read: each is reported, none dropped or invented silently.</summary>
public sealed class WrongDataListingTests
{
    private const string V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    private const string Good = "11111111-2222-3333-4444-555555555555";

    private static string Instance(string ns, string cls, string? name, string elementName, string enabledState) =>
        $"<p:{cls} xmlns:p=\"{ns}{cls}\"><p:ElementName>{elementName}</p:ElementName><p:EnabledState>{enabledState}</p:EnabledState>" +
        (name is null ? string.Empty : $"<p:Name>{name}</p:Name>") + $"<p:ProcessID>42</p:ProcessID></p:{cls}>";

    private static readonly string Listing = string.Concat(
        Instance(V2, "Msvm_ComputerSystem", Good, "good", "2"),
        Instance(V2, "Msvm_ComputerSystem", "HV01", "HV01", "2"), // the host's own: quiet
        Instance(V2, "Msvm_VirtualSystemSettingData", "21111111-2222-3333-4444-555555555555", "other-class", "2"),
        Instance("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/", "Msvm_ComputerSystem", "31111111-2222-3333-4444-555555555555", "other-namespace", "2"),
        Instance(V2, "Msvm_ComputerSystem", null, "no-name", "2"),
        Instance(V2, "Msvm_ComputerSystem", "not-a-guid", "bad-name", "2"),
        Instance(V2, "Msvm_ComputerSystem", "41111111-2222-3333-4444-555555555555", "abc-state", "abc"),
        Instance(V2, "Msvm_ComputerSystem", "51111111-2222-3333-4444-555555555555", "huge-state", "99999"));

    private static Task Respond(HostileRequest request, Stream s)
    {
        var body = request.Body;
        string page;
        if (body.Contains("Win32_OperatingSystem", StringComparison.Ordinal))
        {
            page = HostileServer.Page(true, null,
                "<p:Win32_OperatingSystem xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/Win32_OperatingSystem\">" +
                "<p:CSName>HV01</p:CSName><p:Caption>Windows</p:Caption><p:Version>10.0.17763</p:Version></p:Win32_OperatingSystem>", end: true);
        }
        else if (body.Contains("Name = __SERVER", StringComparison.Ordinal))
        {
            page = HostileServer.Page(true, null, string.Empty, end: true);
        }
        else if (body.Contains("Msvm_ComputerSystem", StringComparison.Ordinal))
        {
            page = HostileServer.Page(true, null, Listing, end: true);
        }
        else
        {
            page = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\"><s:Body><wsmid:IdentifyResponse/></s:Body></s:Envelope>";
        }
        return HostileServer.WriteAsync(s, page);
    }

    [Fact]
    public async Task Items_that_are_not_readable_vms_are_reported_per_item_and_the_host_is_quiet()
    {
        await using var server = new HostileServer((req, s, ct) => Respond(req, s));
        var uri = LibvirtUri.Parse($"hyperv://admin@127.0.0.1:{server.Port}/?transport=http");
        using var connection = await HvConnection.OpenAsync(uri, new NetworkCredential("admin", "Wrong-P@ss-3"), new WsManSettings(), null, CancellationToken.None);

        var problems = new List<DomainReadProblem>();
        var domains = new List<HvDomain>();
        await foreach (var d in new DomainService(connection, null).GetDomainsAsync(new DomainFilter(), false, problems.Add))
        {
            domains.Add(d);
        }

        Assert.Equal(["good", "abc-state", "huge-state"], domains.Select(d => d.Name));
        Assert.Equal(HvDomainState.Running, domains[0].GetState());
        Assert.Equal(6, problems.Count);
        Assert.Equal(4, problems.Count(p => p.Kind == DomainReadProblemKind.Refused));
        Assert.Contains(problems, p => p.Message.Contains("Msvm_VirtualSystemSettingData", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("root/cimv2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.StartsWith("Could not parse UUID from string 'not-a-guid'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.StartsWith("Could not parse UUID from string ''", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Kind == DomainReadProblemKind.Unreadable && p.Message.Contains("'abc'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Kind == DomainReadProblemKind.Unreadable && p.Message.Contains("'99999'", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Message.Contains("HV01", StringComparison.Ordinal));
    }
}
