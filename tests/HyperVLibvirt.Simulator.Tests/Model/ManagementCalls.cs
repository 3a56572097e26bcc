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
