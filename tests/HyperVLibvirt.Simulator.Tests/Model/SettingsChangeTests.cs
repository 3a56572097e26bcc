using System.Globalization;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>ModifyResourceSettings and ModifySystemSettings take CIM-XML instances, change the VM's settings or refuse as Hyper-V does, and the read side shows the result.</summary>
public class SettingsChangeTests
{
    private static readonly KeyValuePair<string, string>[] Service = [new("CreationClassName", "Msvm_VirtualSystemManagementService")];

    private static string Instance(string className, params (string Name, string Type, string Value)[] properties) =>
        $"<INSTANCE CLASSNAME=\"{className}\">"
        + string.Concat(properties.Select(p => $"<PROPERTY NAME=\"{p.Name}\" TYPE=\"{p.Type}\"><VALUE>{p.Value}</VALUE></PROPERTY>"))
        + "</INSTANCE>";

    private static CimInstance Setting(SimulatedHost host, string className, VirtualMachineSpec vm) =>
        host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM {className} WHERE InstanceID LIKE 'Microsoft:{vm.Id.ToString("D").ToUpperInvariant()}%'").Instances.Single();

    private static MethodResult Modify(SimulatedHost host, params string[] instances) =>
        host.InvokeMethod(TestHosts.V2, "Msvm_VirtualSystemManagementService", Service, "ModifyResourceSettings",
            [new("ResourceSettings", instances.Length == 1 ? instances[0] : (object)instances.Cast<object>().ToArray())]);

    private static MethodResult SetMemory(SimulatedHost host, VirtualMachineSpec vm, string property, ulong mb) =>
        Modify(host, Instance("Msvm_MemorySettingData", ("InstanceID", "string", (string)Setting(host, "Msvm_MemorySettingData", vm)["InstanceID"]!),
            (property, "uint64", mb.ToString(CultureInfo.InvariantCulture))));

    private static MethodResult SetVcpus(SimulatedHost host, VirtualMachineSpec vm, ulong count) =>
        Modify(host, Instance("Msvm_ProcessorSettingData", ("InstanceID", "string", (string)Setting(host, "Msvm_ProcessorSettingData", vm)["InstanceID"]!),
            ("VirtualQuantity", "uint64", count.ToString(CultureInfo.InvariantCulture))));

    private static VirtualMachineSpec Off(SimulatedHost host) => host.Inventory.First(v => v.State == EnabledStates.Disabled);

    [Fact]
    public void MemoryOfAnOffVmChangesAndIsReadBack()
    {
        var host = TestHosts.Create();
        var vm = Off(host);
        var limit = Math.Max(vm.MaxMemoryMB, 8192UL);
        Assert.Equal(4096u, SetMemory(host, vm, "Limit", limit).ReturnValue);
        var result = SetMemory(host, vm, "VirtualQuantity", 6144);
        Assert.Equal(4096u, result.ReturnValue);
        var job = Assert.IsType<CimReference>(Assert.Single(result.OutParameters, p => p.Key == "Job").Value);
        var jobId = Assert.Single(job.Selectors, s => s.Key == "InstanceID").Value;
        var jobInstance = host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '{jobId}'").Instances.Single();
        Assert.Equal(7UL, jobInstance["JobState"]); // Completed by the first poll
        Assert.Equal(EnabledStates.Disabled, (ushort)(ulong)TestHosts.Vm(host, vm.Name)["EnabledState"]!);
        var resulting = Assert.IsAssignableFrom<IReadOnlyList<object>>(Assert.Single(result.OutParameters, p => p.Key == "ResultingResourceSettings").Value);
        Assert.EndsWith("/Msvm_MemorySettingData", Assert.IsType<CimReference>(Assert.Single(resulting)).ResourceUri);

        var memory = Setting(host, "Msvm_MemorySettingData", vm);
        Assert.Equal(6144UL, memory["VirtualQuantity"]);
        Assert.Equal(limit, memory["Limit"]);
    }

    [Theory]
    [InlineData(6143UL)] // odd: Hyper-V takes memory in 2 MB steps
    [InlineData(16UL)] // below 32 MB
    [InlineData(2UL * 1024 * 1024)] // 2 TiB
    [InlineData((256UL * 1024) + 2)] // above the host's 256 GiB
    public void OutOfRangeMemoryIsAnInvalidParameter(ulong mb)
    {
        var host = TestHosts.Create();
        var vm = Off(host);
        Assert.Equal(32773u, SetMemory(host, vm, "VirtualQuantity", mb).ReturnValue);
        Assert.Equal(vm.MemoryMB, Setting(host, "Msvm_MemorySettingData", vm)["VirtualQuantity"]);
    }

    [Fact]
    public void TheHostsWholeMemoryIsTheLargestAVmMayHave()
    {
        var host = TestHosts.Create();
        var vm = Off(host);
        var hostMb = (ulong)host.ExecuteQuery(TestHosts.Cimv2, "SELECT TotalPhysicalMemory FROM Win32_ComputerSystem").Instances.Single()["TotalPhysicalMemory"]! >> 20;
        Assert.Equal(4096u, SetMemory(host, vm, "Limit", hostMb).ReturnValue);
        Assert.Equal(4096u, SetMemory(host, vm, "VirtualQuantity", hostMb).ReturnValue);
        Assert.Equal(32773u, SetMemory(host, vm, "Limit", hostMb + 2).ReturnValue);
        Assert.Equal(hostMb, Setting(host, "Msvm_MemorySettingData", vm)["Limit"]);
        Assert.Equal(4096u, SetMemory(host, vm, "VirtualQuantity", SimulatedHost.MinimumMemoryMB).ReturnValue);
    }

    [Fact]
    public void StartupMemoryAboveTheLimitIsRefused()
    {
        var host = TestHosts.Create();
        var vm = Off(host);
        Assert.Equal(32773u, SetMemory(host, vm, "VirtualQuantity", vm.MaxMemoryMB + 2).ReturnValue);
        Assert.Equal(32773u, SetMemory(host, vm, "Limit", vm.MemoryMB - 2).ReturnValue);
    }

    [Fact]
    public void ARunningVmWithoutDynamicMemoryKeepsItsMemory()
    {
        var path = Path.Combine(Path.GetTempPath(), "hvsim-memory-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """{"vms": [{"name": "fixed", "state": "running", "memoryMB": 2048, "maxMemoryMB": 4096, "dynamicMemory": false},""" +
            """ {"name": "dynamic", "state": "running", "memoryMB": 2048, "maxMemoryMB": 4096, "dynamicMemory": true}]}""");
        try
        {
            var host = TestHosts.Create(inventory: path);
            var fixedVm = host.Inventory.Single(v => v.Name == "fixed");
            var dynamicVm = host.Inventory.Single(v => v.Name == "dynamic");
            Assert.Equal(32775u, SetMemory(host, fixedVm, "VirtualQuantity", 1024).ReturnValue);
            Assert.Equal(2048UL, Setting(host, "Msvm_MemorySettingData", fixedVm)["VirtualQuantity"]);
            Assert.Equal(4096u, SetMemory(host, dynamicVm, "VirtualQuantity", 1024).ReturnValue);
            Assert.Equal(2UL, TestHosts.Vm(host, "dynamic")["EnabledState"]); // still running
            Assert.Equal(1024UL, Setting(host, "Msvm_MemorySettingData", dynamicVm)["VirtualQuantity"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void VcpusChangeOnlyWhileOff()
    {
        var host = TestHosts.Create();
        var off = Off(host);
        var running = host.Inventory.First(v => v.State == EnabledStates.Enabled);
        Assert.Equal(4096u, SetVcpus(host, off, 3).ReturnValue);
        Assert.Equal(3UL, Setting(host, "Msvm_ProcessorSettingData", off)["VirtualQuantity"]);
        Assert.Equal(32775u, SetVcpus(host, running, (ulong)running.VirtualProcessors + 1).ReturnValue);
        Assert.Equal((ulong)running.VirtualProcessors, Setting(host, "Msvm_ProcessorSettingData", running)["VirtualQuantity"]);
        Assert.Equal(32773u, SetVcpus(host, off, 0).ReturnValue);
        Assert.Equal(32773u, SetVcpus(host, off, 241).ReturnValue); // Windows Server 2019's maximum is 240
    }

    [Fact]
    public void AllInstancesAreCheckedBeforeAnyIsApplied()
    {
        var host = TestHosts.Create();
        var vm = Off(host);
        var memoryId = (string)Setting(host, "Msvm_MemorySettingData", vm)["InstanceID"]!;
        var processorId = (string)Setting(host, "Msvm_ProcessorSettingData", vm)["InstanceID"]!;
        var result = Modify(host,
            Instance("Msvm_ProcessorSettingData", ("InstanceID", "string", processorId), ("VirtualQuantity", "uint64", "5")),
            Instance("Msvm_MemorySettingData", ("InstanceID", "string", memoryId), ("VirtualQuantity", "uint64", "7")));
        Assert.Equal(32773u, result.ReturnValue);
        Assert.Equal((ulong)vm.VirtualProcessors, Setting(host, "Msvm_ProcessorSettingData", vm)["VirtualQuantity"]);
    }

    [Fact]
    public void UnknownInstancesAndPropertiesAreRefused()
    {
        var host = TestHosts.Create();
        var vm = Off(host);
        var memoryId = (string)Setting(host, "Msvm_MemorySettingData", vm)["InstanceID"]!;
        Assert.Equal(32773u, Modify(host, Instance("Msvm_MemorySettingData", ("InstanceID", "string", "Microsoft:00000000-0000-0000-0000-000000000000\\x"), ("Limit", "uint64", "4096"))).ReturnValue);
        Assert.Equal(32770u, Modify(host, Instance("Msvm_MemorySettingData", ("InstanceID", "string", memoryId), ("Weight", "uint32", "100"))).ReturnValue);
        Assert.Equal(32770u, Modify(host, Instance("Msvm_SyntheticEthernetPortSettingData", ("InstanceID", "string", memoryId))).ReturnValue);
        var e = Assert.Throws<CimException>(() => Modify(host, "<INSTANCE CLASSNAME=\"Msvm_MemorySettingData\"><PROPERTY"));
        Assert.Equal(CimErrorKind.InvalidParameter, e.Kind);
        Assert.Contains("ResourceSettings", e.Message);
    }

    [Fact]
    public void AutostartTurnsOnAndOffInAnyState()
    {
        var host = TestHosts.Create();
        var running = host.Inventory.First(v => v.State == EnabledStates.Enabled);
        var settings = Setting(host, "Msvm_VirtualSystemSettingData", running);
        foreach (var action in new ulong[] { 4, 2 })
        {
            var result = host.InvokeMethod(TestHosts.V2, "Msvm_VirtualSystemManagementService", Service, "ModifySystemSettings",
                [new("SystemSettings", Instance("Msvm_VirtualSystemSettingData", ("InstanceID", "string", (string)settings["InstanceID"]!),
                    ("AutomaticStartupAction", "uint16", action.ToString(CultureInfo.InvariantCulture))))]);
            Assert.Equal(0u, result.ReturnValue);
            Assert.Equal(action, Setting(host, "Msvm_VirtualSystemSettingData", running)["AutomaticStartupAction"]);
        }

        var bad = host.InvokeMethod(TestHosts.V2, "Msvm_VirtualSystemManagementService", Service, "ModifySystemSettings",
            [new("SystemSettings", Instance("Msvm_VirtualSystemSettingData", ("InstanceID", "string", (string)settings["InstanceID"]!), ("AutomaticStartupAction", "uint16", "7")))]);
        Assert.Equal(32773u, bad.ReturnValue);
    }
}
