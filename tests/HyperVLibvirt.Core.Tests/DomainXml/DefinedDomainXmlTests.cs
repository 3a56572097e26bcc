using System.Net;
using System.Xml.Linq;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;
using HyperVLibvirt.Simulator;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Core.Tests.DomainXml;

/// <summary>
/// A VM that the simulator's DefineSystem made and AddResourceSettings equipped reads back through the domain XML as
/// an inventory VM does: what the host gives a new VM, then each device added as libvirt adds it.
/// </summary>
public sealed class DefinedDomainXmlTests
{
    private const string User = "admin";
    private const string Password = "Sim-Defined-7731!";
    private const string V2 = "root/virtualization/v2";
    private const string Vhdx = @"C:\VMs\defined-boot.vhdx";
    private const string Iso = @"C:\ISO\defined-tools.iso";
    private static readonly KeyValuePair<string, string>[] Service = [new("CreationClassName", "Msvm_VirtualSystemManagementService")];

    private static string Instance(string className, params (string Name, string Value)[] properties) =>
        $"<INSTANCE CLASSNAME=\"{className}\">"
        + string.Concat(properties.Select(p => $"<PROPERTY NAME=\"{p.Name}\" TYPE=\"string\"><VALUE>{System.Security.SecurityElement.Escape(p.Value)}</VALUE></PROPERTY>"))
        + "</INSTANCE>";

    // The object path libvirt writes into Parent (hypervDomainAddVirtualDiskParent).
    private static string PathOf(string host, string className, string instanceId) =>
        $@"\\{host}\Root\Virtualization\V2:{className}.InstanceID=""{instanceId.Replace(@"\", @"\\", StringComparison.Ordinal)}""";

    private static string Add(SimulatedHost host, string vm, string instance)
    {
        var configuration = new CimReference(host.GetClass(V2, "Msvm_VirtualSystemSettingData").ResourceUri, [new("InstanceID", "Microsoft:" + vm.ToUpperInvariant())]);
        var result = host.InvokeMethod(V2, "Msvm_VirtualSystemManagementService", Service, "AddResourceSettings",
            [new("AffectedConfiguration", configuration), new("ResourceSettings", new object[] { instance })]);
        Assert.Equal(4096u, result.ReturnValue);
        var resulting = (IReadOnlyList<object>)result.OutParameters.Single(p => p.Key == "ResultingResourceSettings").Value!;
        return ((CimReference)resulting[0]).Selectors.Single(s => s.Key == "InstanceID").Value;
    }

    [Fact]
    public async Task A_defined_and_equipped_generation_1_vm_reads_back_with_each_device()
    {
        var options = new SimulatorOptions { HttpPort = 0 };
        options.Host.VmCount = 2;
        options.Accounts.Add(new SimulatorAccount(User, Password));
        await using var sim = await SimulatorServer.StartAsync(options);
        var host = sim.Host;
        host.Files.Add(Vhdx, 8UL << 20);
        host.Files.Add(Iso, 4UL << 20);

        var defined = host.InvokeMethod(V2, "Msvm_VirtualSystemManagementService", Service, "DefineSystem",
            [new("SystemSettings", Instance("Msvm_VirtualSystemSettingData", ("ElementName", "defined-01"), ("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:1")))]);
        var vm = ((CimReference)defined.OutParameters.Single(p => p.Key == "ResultingSystem").Value!).Selectors.Single(s => s.Key == "Name").Value;
        var prefix = "Microsoft:" + vm.ToUpperInvariant();

        var scsi = Add(host, vm, Instance("Msvm_ResourceAllocationSettingData", ("ResourceType", "6"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic SCSI Controller")));
        var disk = Add(host, vm, Instance("Msvm_ResourceAllocationSettingData", ("Parent", PathOf(host.ComputerName, "Msvm_ResourceAllocationSettingData", scsi)),
            ("AddressOnParent", "0"), ("ResourceType", "17"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic Disk Drive")));
        Add(host, vm, Instance("Msvm_ResourceAllocationSettingData", ("Parent", PathOf(host.ComputerName, "Msvm_ResourceAllocationSettingData", disk)),
            ("HostResource", Vhdx), ("ResourceType", "31"), ("ResourceSubType", "Microsoft:Hyper-V:Virtual Hard Disk")));
        var ide1 = prefix + @"\83F8638B-8DCA-4152-9EDA-2CA8B33039B4\1";
        var dvd = Add(host, vm, Instance("Msvm_ResourceAllocationSettingData", ("Parent", PathOf(host.ComputerName, "Msvm_ResourceAllocationSettingData", ide1)),
            ("AddressOnParent", "0"), ("ResourceType", "16"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic DVD Drive")));
        Add(host, vm, Instance("Msvm_ResourceAllocationSettingData", ("Parent", PathOf(host.ComputerName, "Msvm_ResourceAllocationSettingData", dvd)),
            ("HostResource", Iso), ("ResourceType", "31"), ("ResourceSubType", "Microsoft:Hyper-V:Virtual CD/DVD Disk")));
        var external = host.ExecuteQuery(V2, "SELECT * FROM Msvm_VirtualEthernetSwitch WHERE ElementName = 'External'").Instances.Single();
        var nic = Add(host, vm, Instance("Msvm_SyntheticEthernetPortSettingData", ("ResourceType", "10"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic Ethernet Port"),
            ("VirtualSystemIdentifiers", "{" + Guid.NewGuid() + "}"), ("Address", "00155D0B0C0D"), ("StaticMacAddress", "true")));
        Add(host, vm, Instance("Msvm_EthernetPortAllocationSettingData", ("EnabledState", "2"),
            ("HostResource", $@"\\{host.ComputerName}\Root\Virtualization\V2:Msvm_VirtualEthernetSwitch.CreationClassName=""Msvm_VirtualEthernetSwitch"",Name=""{external["Name"]}"""),
            ("Parent", PathOf(host.ComputerName, "Msvm_SyntheticEthernetPortSettingData", nic)), ("ResourceType", "33"), ("ResourceSubType", "Microsoft:Hyper-V:Ethernet Connection")));

        var uri = LibvirtUri.Parse($"hyperv://{User}@127.0.0.1:{sim.HttpEndpoint!.Port}/?transport=http");
        using var connection = await HvConnection.OpenAsync(uri, new NetworkCredential(User, Password), new WsManSettings(), null, CancellationToken.None);
        var results = new List<DomainXmlResult>();
        await foreach (var result in new DomainXmlService(connection, null).GetAsync(new DomainFilter { Uuids = [Guid.Parse(vm)] }, null))
        {
            results.Add(result);
        }

        var xml = XElement.Parse(Assert.Single(results).Xml!);
        Assert.Equal("defined-01", xml.Element("name")!.Value);
        Assert.Equal("1048576", xml.Element("memory")!.Value);
        Assert.Equal("1", xml.Element("vcpu")!.Value);
        var devices = xml.Element("devices")!;
        Assert.Contains(devices.Elements("controller"), c => (string?)c.Attribute("type") == "scsi" && (string?)c.Attribute("index") == "0");
        var disks = devices.Elements("disk").ToArray();
        Assert.Contains(disks, d => (string?)d.Attribute("device") == "disk" && (string?)d.Element("source")?.Attribute("file") == Vhdx
            && (string?)d.Element("target")?.Attribute("bus") == "scsi" && (string?)d.Element("target")?.Attribute("dev") == "sda");
        Assert.Contains(disks, d => (string?)d.Attribute("device") == "cdrom" && (string?)d.Element("source")?.Attribute("file") == Iso
            && (string?)d.Element("target")?.Attribute("dev") == "hdc");
        var nicXml = Assert.Single(devices.Elements("interface"));
        Assert.Equal("00:15:5d:0b:0c:0d", (string?)nicXml.Element("mac")?.Attribute("address"));
        Assert.Equal((string)external["Name"]!, (string?)nicXml.Element("source")?.Attribute("bridge"));
        Assert.Equal(2, devices.Elements("serial").Count());
    }
}
