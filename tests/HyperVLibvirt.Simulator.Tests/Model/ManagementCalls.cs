using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Msvm_VirtualSystemManagementService calls as a client sends them: embedded CIM-XML instances and references.</summary>
internal static class ManagementCalls
{
    public static readonly KeyValuePair<string, string>[] Service = [new("CreationClassName", "Msvm_VirtualSystemManagementService")];

    /// <summary>A CIM-XML INSTANCE with simple properties (a value of null is left out) and string arrays (Name[]).</summary>
    public static string Instance(string className, params (string Name, object? Value)[] properties) =>
        $"<INSTANCE CLASSNAME=\"{className}\">"
        + string.Concat(properties.Where(p => p.Value is not null).Select(p => p.Value switch
        {
            string[] items => $"<PROPERTY.ARRAY NAME=\"{p.Name}\" TYPE=\"string\"><VALUE.ARRAY>{string.Concat(items.Select(i => $"<VALUE>{System.Security.SecurityElement.Escape(i)}</VALUE>"))}</VALUE.ARRAY></PROPERTY.ARRAY>",
            var value => $"<PROPERTY NAME=\"{p.Name}\" TYPE=\"string\"><VALUE>{System.Security.SecurityElement.Escape(value!.ToString())}</VALUE></PROPERTY>",
        }))
        + "</INSTANCE>";

    public static MethodResult Invoke(SimulatedHost host, string method, params KeyValuePair<string, object?>[] inputs) =>
        host.InvokeMethod(TestHosts.V2, "Msvm_VirtualSystemManagementService", Service, method, inputs);

    /// <summary>DefineSystem with a VSSD of these properties.</summary>
    public static MethodResult Define(SimulatedHost host, params (string Name, object? Value)[] properties) =>
        Invoke(host, "DefineSystem", new KeyValuePair<string, object?>("SystemSettings", Instance("Msvm_VirtualSystemSettingData", properties)));

    /// <summary>Defines a VM and returns its Msvm_ComputerSystem.Name (the lower-case GUID).</summary>
    public static string DefineVm(SimulatedHost host, string name, int generation = 2)
    {
        var result = Define(host, ("ElementName", name), ("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:" + generation));
        Assert.Equal(4096u, result.ReturnValue);
        return Out<CimReference>(result, "ResultingSystem").Selectors.Single(s => s.Key == "Name").Value;
    }

    /// <summary>A reference to a VM's realized settings, as AffectedConfiguration takes it.</summary>
    public static CimReference Configuration(SimulatedHost host, string vmName) =>
        new(host.GetClass(TestHosts.V2, "Msvm_VirtualSystemSettingData").ResourceUri, [new("InstanceID", "Microsoft:" + vmName.ToUpperInvariant())]);

    /// <summary>AddResourceSettings of these embedded instances to a VM.</summary>
    public static MethodResult Add(SimulatedHost host, string vmName, params string[] instances) =>
        Invoke(host, "AddResourceSettings", In("AffectedConfiguration", Configuration(host, vmName)), In("ResourceSettings", instances.Cast<object>().ToArray()));

    /// <summary>RemoveResourceSettings of these settings (references by InstanceID).</summary>
    public static MethodResult Remove(SimulatedHost host, params CimReference[] settings) =>
        Invoke(host, "RemoveResourceSettings", In("ResourceSettings", settings.Cast<object>().ToArray()));

    /// <summary>The references AddResourceSettings answered, in input order.</summary>
    public static IReadOnlyList<CimReference> Resulting(MethodResult result) =>
        Assert.IsAssignableFrom<IReadOnlyList<object>>(Assert.Single(result.OutParameters, p => p.Key == "ResultingResourceSettings").Value).Cast<CimReference>().ToArray();

    /// <summary>The setting a reference names, read back by a query.</summary>
    public static CimInstance Read(SimulatedHost host, CimReference reference)
    {
        var className = reference.ResourceUri[(reference.ResourceUri.LastIndexOf('/') + 1)..];
        var id = reference.Selectors.Single(s => s.Key == "InstanceID").Value.Replace(@"\", @"\\", StringComparison.Ordinal);
        return host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM {className} WHERE InstanceID = '{id}'").Instances.Single();
    }

    /// <summary>The WMI object path of a setting, as a client puts it in Parent.</summary>
    public static string PathOf(SimulatedHost host, CimReference reference) => WmiObjectPath.Of(host.ComputerName, Read(host, reference));

    public static string ScsiController() => Instance("Msvm_ResourceAllocationSettingData", ("ResourceType", "6"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic SCSI Controller"));

    public static string Drive(string parentPath, int location, string subType = "Microsoft:Hyper-V:Synthetic Disk Drive", string type = "17", string? hostResource = null) =>
        Instance("Msvm_ResourceAllocationSettingData", ("ResourceType", type), ("ResourceSubType", subType), ("Parent", parentPath), ("AddressOnParent", location.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("HostResource", hostResource is null ? null : new[] { hostResource }));

    public static string Medium(string drivePath, string file, string subType = "Microsoft:Hyper-V:Virtual Hard Disk") =>
        Instance("Msvm_StorageAllocationSettingData", ("ResourceType", "31"), ("ResourceSubType", subType), ("Parent", drivePath), ("HostResource", new[] { file }));

    public static string Nic(string? staticMac = null, Guid? id = null) =>
        Instance("Msvm_SyntheticEthernetPortSettingData", ("ResourceType", "10"), ("ResourceSubType", "Microsoft:Hyper-V:Synthetic Ethernet Port"), ("ElementName", "Network Adapter"),
            ("VirtualSystemIdentifiers", new[] { "{" + (id ?? Guid.NewGuid()).ToString("D") + "}" }), ("StaticMacAddress", staticMac is null ? null : "true"), ("Address", staticMac));

    public static string Connection(string nicPath, string? switchPath) =>
        Instance("Msvm_EthernetPortAllocationSettingData", ("ResourceType", "33"), ("ResourceSubType", "Microsoft:Hyper-V:Ethernet Connection"), ("Parent", nicPath),
            ("HostResource", switchPath is null ? null : new[] { switchPath }));

    public static KeyValuePair<string, object?> In(string name, object? value) => new(name, value);

    public static T Out<T>(MethodResult result, string name) => Assert.IsType<T>(Assert.Single(result.OutParameters, p => p.Key == name).Value);

    /// <summary>The job a method answered with, as a query reads it.</summary>
    public static CimInstance Job(SimulatedHost host, MethodResult result)
    {
        var id = Out<CimReference>(result, "Job").Selectors.Single(s => s.Key == "InstanceID").Value;
        return host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '{id}'").Instances.Single();
    }

    /// <summary>A VM's device settings of one class, by the InstanceID prefix every device of the VM has.</summary>
    public static IReadOnlyList<CimInstance> Devices(SimulatedHost host, string vmName, string className) =>
        host.ExecuteQuery(TestHosts.V2, $"SELECT * FROM {className} WHERE InstanceID LIKE 'Microsoft:{vmName.ToUpperInvariant()}%'").Instances;
}
