using HyperVLibvirt.Simulator.Model;
using static HyperVLibvirt.Simulator.Tests.Model.ManagementCalls;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>AddResourceSettings builds controllers, drives, images and network adapters as libvirt attaches them, and the read side shows them as it shows an inventory VM's.</summary>
public class AddResourceSettingsTests
{
    private const string Vhdx = @"C:\ProgramData\Microsoft\Windows\Virtual Hard Disks\new-disk.vhdx";

    private static SimulatedHost HostWithFile(string path = Vhdx)
    {
        var host = TestHosts.Create();
        host.Files.Add(path, 4UL << 20);
        return host;
    }

    private static CimInstance Switch(SimulatedHost host, string name) =>
        host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_VirtualEthernetSwitch WHERE ElementName = '{name}'").Instances.Single();

    [Fact]
    public void ScsiControllerDriveAndDiskImageJoinByParentPaths()
    {
        var host = HostWithFile();
        var vm = DefineVm(host, "storage");
        var controller = Assert.Single(Resulting(Add(host, vm, ScsiController())));
        Assert.EndsWith("/Msvm_ResourceAllocationSettingData", controller.ResourceUri);
        var controllerPath = PathOf(host, controller);

        var result = Add(host, vm, Drive(controllerPath, 0));
        Assert.Equal(4096u, result.ReturnValue);
        Assert.Equal(7UL, Job(host, result)["JobState"]);
        var drive = Read(host, Assert.Single(Resulting(result)));
        Assert.Equal(controllerPath, drive["Parent"]);
        Assert.Equal("0", drive["AddressOnParent"]);
        Assert.Equal("Microsoft:Hyper-V:Synthetic Disk Drive", drive["ResourceSubType"]);

        var medium = Assert.Single(Resulting(Add(host, vm, Medium(WmiObjectPath.Of(host.ComputerName, drive), Vhdx))));
        Assert.EndsWith("/Msvm_StorageAllocationSettingData", medium.ResourceUri);
        var image = Assert.Single(Devices(host, vm, "Msvm_StorageAllocationSettingData"));
        Assert.Equal(new object[] { Vhdx }, (IReadOnlyList<object>)image["HostResource"]!);
        Assert.Equal(WmiObjectPath.Of(host.ComputerName, drive), image["Parent"]);

        // The settings are parts of the VM's VSSD, as libvirt's association query reads them.
        var parts = host.ExecuteQuery(TestHosts.V2,
            $"ASSOCIATORS OF {{Msvm_VirtualSystemSettingData.InstanceID='Microsoft:{vm.ToUpperInvariant()}'}} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = Msvm_StorageAllocationSettingData").Instances;
        Assert.Equal((string)image["InstanceID"]!, (string)Assert.Single(parts)["InstanceID"]!);
    }

    [Fact]
    public void DvdDriveWithAnIsoAndAFloppyImageOnGenerationOne()
    {
        var host = HostWithFile(@"C:\ISO\tools.iso");
        host.Files.Add(@"C:\ISO\boot.vfd", 1_474_560);
        var vm = DefineVm(host, "legacy", generation: 1);
        var ide1 = Devices(host, vm, "Msvm_ResourceAllocationSettingData").Single(r => (string?)r["Address"] == "1" && (ulong)r["ResourceType"]! == 5);
        var dvd = Assert.Single(Resulting(Add(host, vm, Drive(WmiObjectPath.Of(host.ComputerName, ide1), 0, "Microsoft:Hyper-V:Synthetic DVD Drive", "16"))));
        Assert.Equal(4096u, Add(host, vm, Medium(PathOf(host, dvd), @"C:\ISO\tools.iso", "Microsoft:Hyper-V:Virtual CD/DVD Disk")).ReturnValue);
        var diskette = Devices(host, vm, "Msvm_ResourceAllocationSettingData").Single(r => (ulong)r["ResourceType"]! == 14);
        Assert.Equal(4096u, Add(host, vm, Medium(WmiObjectPath.Of(host.ComputerName, diskette), @"C:\ISO\boot.vfd", "Microsoft:Hyper-V:Virtual Floppy Disk")).ReturnValue);

        var images = Devices(host, vm, "Msvm_StorageAllocationSettingData");
        Assert.Equal(new[] { "Microsoft:Hyper-V:Virtual Floppy Disk", "Microsoft:Hyper-V:Virtual CD/DVD Disk" }, images.Select(i => (string)i["ResourceSubType"]!).ToArray());
    }

    [Fact]
    public void NetworkAdapterWithAStaticMacAndItsConnectionToASwitch()
    {
        var host = TestHosts.Create();
        var vm = DefineVm(host, "net");
        var nicId = Guid.NewGuid();
        var nic = Assert.Single(Resulting(Add(host, vm, Nic("00155DAABB01", nicId))));
        var port = Read(host, nic);
        Assert.Equal("00155DAABB01", port["Address"]);
        Assert.Equal(true, port["StaticMacAddress"]);
        Assert.Equal($"Microsoft:{vm.ToUpperInvariant()}\\{nicId.ToString("D").ToUpperInvariant()}", port["InstanceID"]);
        Assert.Empty(Devices(host, vm, "Msvm_EthernetPortAllocationSettingData"));

        var external = Switch(host, "External");
        var connection = Read(host, Assert.Single(Resulting(Add(host, vm, Connection(WmiObjectPath.Of(host.ComputerName, port), WmiObjectPath.Of(host.ComputerName, external))))));
        Assert.Equal(new object[] { WmiObjectPath.Of(host.ComputerName, external) }, (IReadOnlyList<object>)connection["HostResource"]!);
        Assert.Equal(2UL, connection["EnabledState"]);
        Assert.Equal(WmiObjectPath.Of(host.ComputerName, port), connection["Parent"]);

        var guest = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_GuestNetworkAdapterConfiguration").Instances;
        Assert.Contains(guest, g => ((string)g["InstanceID"]!).EndsWith(nicId.ToString("D"), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void WithoutAMacTheAdapterGetsADynamicAddressAtOnce()
    {
        var host = TestHosts.Create();
        var vm = DefineVm(host, "dynamic");
        var port = Read(host, Assert.Single(Resulting(Add(host, vm, Nic()))));
        Assert.StartsWith("00155D", (string)port["Address"]!);
        Assert.Equal(12, ((string)port["Address"]!).Length);
        Assert.Equal(false, port["StaticMacAddress"]);
    }

    [Fact]
    public void APassThroughDiskTakesASpareHostDiskOnlyOnce()
    {
        var host = TestHosts.Create();
        var vm = DefineVm(host, "passthrough");
        var controllerPath = PathOf(host, Resulting(Add(host, vm, ScsiController()))[0]);
        var inUse = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ResourceAllocationSettingData WHERE ResourceSubType = 'Microsoft:Hyper-V:Physical Disk Drive' AND InstanceID NOT LIKE 'Microsoft:Definition%'")
            .Instances.Select(r => (string)((IReadOnlyList<object>)r["HostResource"]!)[0]).ToHashSet();
        var spare = host.EnumerateInstances(TestHosts.V2, "Msvm_DiskDrive").Select(d => WmiObjectPath.Of(host.ComputerName, d)).First(p => !inUse.Contains(p));
        var physical = "Microsoft:Hyper-V:Physical Disk Drive";

        var drive = Read(host, Assert.Single(Resulting(Add(host, vm, Drive(controllerPath, 0, physical, hostResource: spare)))));
        Assert.Equal(new object[] { spare }, (IReadOnlyList<object>)drive["HostResource"]!);
        Assert.Equal(32773u, Add(host, vm, Drive(controllerPath, 1, physical, hostResource: spare)).ReturnValue);
        Assert.Equal(32773u, Add(host, vm, Drive(controllerPath, 1, physical, hostResource: inUse.First())).ReturnValue);
    }

    [Fact]
    public void ARunningGenerationTwoVmTakesScsiDrivesAndAdaptersButNoNewController()
    {
        var host = TestHosts.Create();
        var running = host.Inventory.First(v => v.State == EnabledStates.Enabled && VmDeviceLayout.GenerationOf(v) == 2);
        var vm = running.Id.ToString("D");
        var controller = Devices(host, vm, "Msvm_ResourceAllocationSettingData").First(r => (ulong)r["ResourceType"]! == 6);
        var before = Devices(host, vm, "Msvm_ResourceAllocationSettingData").Count;

        Assert.Equal(32775u, Add(host, vm, ScsiController()).ReturnValue);
        Assert.Equal(4096u, Add(host, vm, Drive(WmiObjectPath.Of(host.ComputerName, controller), 40)).ReturnValue);
        Assert.Equal(4096u, Add(host, vm, Nic()).ReturnValue);
        Assert.Equal(before + 1, Devices(host, vm, "Msvm_ResourceAllocationSettingData").Count);
    }

    [Fact]
    public void ARunningGenerationOneVmRefusesIdeDrivesAndAdapters()
    {
        var host = TestHosts.Create();
        var running = host.Inventory.First(v => v.State == EnabledStates.Enabled && VmDeviceLayout.GenerationOf(v) == 1 || v.State == EnabledStates.EnabledButOffline && VmDeviceLayout.GenerationOf(v) == 1);
        var vm = running.Id.ToString("D");
        var ide0 = Devices(host, vm, "Msvm_ResourceAllocationSettingData").Single(r => (ulong)r["ResourceType"]! == 5 && (string?)r["Address"] == "0");
        Assert.Equal(32775u, Add(host, vm, Drive(WmiObjectPath.Of(host.ComputerName, ide0), 1)).ReturnValue);
        Assert.Equal(32775u, Add(host, vm, Nic()).ReturnValue);
        Assert.Equal(32775u, Add(host, vm, ScsiController()).ReturnValue);
    }

    [Fact]
    public void ATakenLocationAMissingParentOrSwitchAndAWrongClassAreInvalidParameters()
    {
        var host = TestHosts.Create();
        var vm = DefineVm(host, "refusals");
        var controllerPath = PathOf(host, Resulting(Add(host, vm, ScsiController()))[0]);
        Assert.Equal(4096u, Add(host, vm, Drive(controllerPath, 0)).ReturnValue);
        var count = Devices(host, vm, "Msvm_ResourceAllocationSettingData").Count;

        Assert.Equal(32773u, Add(host, vm, Drive(controllerPath, 0)).ReturnValue);
        Assert.Equal(32773u, Add(host, vm, Drive(controllerPath, 64)).ReturnValue);
        Assert.Equal(32773u, Add(host, vm, Drive(controllerPath.Replace(vm.ToUpperInvariant(), Guid.NewGuid().ToString("D").ToUpperInvariant(), StringComparison.Ordinal), 1)).ReturnValue);
        var nicPath = PathOf(host, Resulting(Add(host, vm, Nic()))[0]);
        var noSwitch = @"\\HV-TEST01\root\virtualization\v2:Msvm_VirtualEthernetSwitch.CreationClassName=""Msvm_VirtualEthernetSwitch"",Name=""" + Guid.NewGuid().ToString("D").ToUpperInvariant() + @"""";
        Assert.Equal(32773u, Add(host, vm, Connection(nicPath, noSwitch)).ReturnValue);
        Assert.Equal(32773u, Add(host, vm, Instance("Msvm_ProcessorSettingData", ("ResourceType", "3"))).ReturnValue);
        Assert.Equal(32773u, Add(host, vm, Instance("Msvm_ResourceAllocationSettingData", ("ResourceType", "17"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic SCSI Controller"))).ReturnValue);
        Assert.Equal(32773u, Invoke(host, "AddResourceSettings", In("AffectedConfiguration", Configuration(host, Guid.NewGuid().ToString("D"))), In("ResourceSettings", new object[] { ScsiController() })).ReturnValue);
        Assert.Equal(count, Devices(host, vm, "Msvm_ResourceAllocationSettingData").Count);
    }

    [Fact]
    public void OneRefusedInstanceLeavesTheOthersUnapplied()
    {
        var host = TestHosts.Create();
        var vm = DefineVm(host, "atomic");
        Assert.Equal(32773u, Add(host, vm, ScsiController(), Instance("Msvm_ResourceAllocationSettingData", ("ResourceSubType", "Microsoft:Hyper-V:Unknown"))).ReturnValue);
        Assert.DoesNotContain(Devices(host, vm, "Msvm_ResourceAllocationSettingData"), r => (ulong)r["ResourceType"]! == 6);
    }

    [Fact]
    public void AnImageTheHostDoesNotHaveFailsTheJobAndChangesNothing()
    {
        var host = TestHosts.Create();
        var vm = DefineVm(host, "missing");
        var controllerPath = PathOf(host, Resulting(Add(host, vm, ScsiController()))[0]);
        var drivePath = PathOf(host, Resulting(Add(host, vm, Drive(controllerPath, 0)))[0]);
        const string Missing = @"D:\nowhere\gone.vhdx";

        var result = Add(host, vm, Medium(drivePath, Missing));
        Assert.Equal(4096u, result.ReturnValue);
        var job = Job(host, result);
        Assert.Equal(10UL, job["JobState"]);
        Assert.Equal(32768UL, job["ErrorCode"]);
        Assert.Contains(Missing, (string)job["ErrorDescription"]!);
        Assert.Empty(Devices(host, vm, "Msvm_StorageAllocationSettingData"));
    }

    [Fact]
    public void AnInventoryVmKeepsItsDevicesWhenOneIsAdded()
    {
        var host = HostWithFile(@"C:\ISO\extra.iso");
        var off = host.Inventory.First(v => v.State == EnabledStates.Disabled && VmDeviceLayout.GenerationOf(v) == 2);
        var vm = off.Id.ToString("D");
        var before = Devices(host, vm, "Msvm_ResourceAllocationSettingData").Select(r => (string)r["InstanceID"]!).ToArray();
        var controller = Devices(host, vm, "Msvm_ResourceAllocationSettingData").First(r => (ulong)r["ResourceType"]! == 6);
        var taken = Devices(host, vm, "Msvm_ResourceAllocationSettingData").Where(r => (string?)r["Parent"] == WmiObjectPath.Of(host.ComputerName, controller)).Select(r => int.Parse((string)r["AddressOnParent"]!)).ToHashSet();
        var free = Enumerable.Range(0, 64).First(l => !taken.Contains(l));
        var dvd = Resulting(Add(host, vm, Drive(WmiObjectPath.Of(host.ComputerName, controller), free, "Microsoft:Hyper-V:Synthetic DVD Drive", "16")))[0];

        var after = Devices(host, vm, "Msvm_ResourceAllocationSettingData").Select(r => (string)r["InstanceID"]!).ToArray();
        Assert.Equal(before.Order(), after.Where(a => a != dvd.Selectors[0].Value).Order());
        Assert.Equal(before.Length + 1, after.Length);
    }

    [Fact]
    public void ImagesAsLibvirtSendsThemAreResourceAllocationSettingDataWithCapitalisedPaths()
    {
        // hypervDomainAddVirtualDiskParent / hypervDomainAddVirtualHardDisk: RASD class, ResourceType 31, "\\HOST\Root\Virtualization\V2:" paths.
        var host = HostWithFile();
        var vm = DefineVm(host, "libvirt-style");
        var controllerId = Resulting(Add(host, vm, ScsiController()))[0].Selectors.Single().Value;
        string LibvirtPath(string instanceId) => $@"\\{host.ComputerName}\Root\Virtualization\V2:Msvm_ResourceAllocationSettingData.InstanceID=""{instanceId.Replace(@"\", @"\\")}""";
        var driveId = Resulting(Add(host, vm, Drive(LibvirtPath(controllerId), 0)))[0].Selectors.Single().Value;
        var image = Instance("Msvm_ResourceAllocationSettingData", ("Parent", LibvirtPath(driveId)), ("HostResource", Vhdx), ("ResourceType", "31"), ("ResourceSubType", "Microsoft:Hyper-V:Virtual Hard Disk"));

        var medium = Assert.Single(Resulting(Add(host, vm, image)));
        Assert.EndsWith("/Msvm_StorageAllocationSettingData", medium.ResourceUri);
        Assert.Equal(new object[] { Vhdx }, (IReadOnlyList<object>)Read(host, medium)["HostResource"]!);
    }

    [Fact]
    public void APassThroughDiskAsLibvirtNamesItFromTheDefaultDefinition()
    {
        // hypervDomainAttachPhysicalDisk: the GUID of the Default physical-disk definition, then the disk number.
        var host = TestHosts.Create();
        var vm = DefineVm(host, "lun");
        var controllerPath = PathOf(host, Resulting(Add(host, vm, ScsiController()))[0]);
        var definition = (string)host.ExecuteQuery(TestHosts.V2,
            "SELECT * FROM Msvm_ResourceAllocationSettingData WHERE ResourceSubType = 'Microsoft:Hyper-V:Physical Disk Drive' AND InstanceID LIKE '%Default%'").Instances.Single()["InstanceID"]!;
        var guid = System.Text.RegularExpressions.Regex.Match(definition, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}").Value;
        var used = host.ExecuteQuery(TestHosts.V2, "SELECT * FROM Msvm_ResourceAllocationSettingData WHERE ResourceSubType = 'Microsoft:Hyper-V:Physical Disk Drive' AND InstanceID NOT LIKE 'Microsoft:Definition%'")
            .Instances.Select(r => (string)((IReadOnlyList<object>)r["HostResource"]!)[0]).ToArray();
        var spare = host.EnumerateInstances(TestHosts.V2, "Msvm_DiskDrive").Select(d => (ulong)d["DriveNumber"]!)
            .First(n => !used.Any(u => u.EndsWith($@"\{n}"",SystemCreationClassName=""Msvm_ComputerSystem"",SystemName=""{host.ComputerName}""", StringComparison.Ordinal)));
        var hostResource = $@"\\{host.ComputerName}\Root\Virtualization\V2:Msvm_DiskDrive.CreationClassName=""Msvm_DiskDrive"",DeviceID=""Microsoft:{guid}\\{spare}"",SystemCreationClassName=""Msvm_ComputerSystem"",SystemName=""{host.ComputerName}""";

        var drive = Read(host, Assert.Single(Resulting(Add(host, vm, Drive(controllerPath, 0, "Microsoft:Hyper-V:Physical Disk Drive", hostResource: hostResource)))));
        var disk = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_DiskDrive WHERE DriveNumber = {spare}").Instances.Single();
        Assert.Equal(new object[] { WmiObjectPath.Of(host.ComputerName, disk) }, (IReadOnlyList<object>)drive["HostResource"]!);
    }

    [Fact]
    public void ASavedVmTakesNoDeviceAndGivesNoneUp()
    {
        var host = TestHosts.Create();
        var saved = host.Inventory.First(v => v.State == EnabledStates.EnabledButOffline).Id.ToString("D");
        var drive = Devices(host, saved, "Msvm_ResourceAllocationSettingData").First(r => (ulong)r["ResourceType"]! is 16 or 17);
        var before = Devices(host, saved, "Msvm_ResourceAllocationSettingData").Count;

        Assert.Equal(32775u, Add(host, saved, Nic()).ReturnValue);
        Assert.Equal(32775u, Remove(host, ReferenceOf(drive)).ReturnValue);
        Assert.Equal(before, Devices(host, saved, "Msvm_ResourceAllocationSettingData").Count);
    }

    private static CimReference ReferenceOf(CimInstance setting) =>
        new(setting.Class.ResourceUri, [new("InstanceID", (string)setting["InstanceID"]!)]);
}
