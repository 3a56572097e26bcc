namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// A host-wide Hyper-V service (a CIM_Service with one instance per host, such as Msvm_VirtualSystemManagementService):
/// every such service reads the same apart from its class, names and description (Microsoft's Msvm_* class documentation).
/// </summary>
internal static class HostServiceInstance
{
    /// <summary>The service's instance; its ElementName is "Microsoft " and the caption, as Hyper-V names them.</summary>
    public static CimInstance Create(HostNamespace ns, string computerName, string className, string caption, string description, string name)
    {
        var s = ns.New(className);
        s["Caption"] = caption;
        s["CreationClassName"] = className;
        s["Description"] = description;
        s["ElementName"] = "Microsoft " + caption;
        s["EnabledDefault"] = CimValues.UInt(2);
        s["EnabledState"] = CimValues.UInt(2);
        s["HealthState"] = CimValues.UInt(5);
        s["Name"] = name;
        s["OperationalStatus"] = CimValues.UIntArray(2);
        s["RequestedState"] = CimValues.UInt(12);
        s["StartMode"] = "Auto";
        s["Started"] = CimValues.True;
        s["Status"] = "OK";
        s["StatusDescriptions"] = CimValues.StringArray("OK");
        s["SystemCreationClassName"] = "Msvm_ComputerSystem";
        s["SystemName"] = computerName;
        return s;
    }
}
