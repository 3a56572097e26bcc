using System.Globalization;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// A VM's display controller (Msvm_SyntheticDisplayController on generation 2,
/// Msvm_S3DisplayController on generation 1) and its Msvm_VideoHead, which libvirt's
/// hypervGetVideoResolution finds by <c>WHERE SystemName = '&lt;vm&gt;'</c> and then
/// <c>ASSOCIATORS OF {controller} WHERE AssocClass = Msvm_VideoHeadOnController ResultClass = Msvm_VideoHead</c>.
/// The head is enabled ("2", a string in libvirt's class list) with a resolution only while the VM runs.
/// </summary>
internal sealed class DisplayInstanceFactory
{
    /// <summary>The resolution a running guest shows.</summary>
    public const int Width = 1024;

    /// <summary>The resolution a running guest shows.</summary>
    public const int Height = 768;

    private readonly HostNamespace _ns;

    public DisplayInstanceFactory(HostNamespace ns) => _ns = ns;

    public CimInstance Controller(VmRecord vm, int generation)
    {
        var className = generation == 1 ? "Msvm_S3DisplayController" : "Msvm_SyntheticDisplayController";
        var c = Device(vm, className, generation == 1 ? "S3 Display Controller" : "Synthetic Display Controller", generation == 1 ? "Microsoft S3 Display Controller" : "Microsoft Synthetic Display Controller", "display");
        c["VideoProcessor"] = generation == 1 ? "S3 Trio 32/64" : "Microsoft Hyper-V Video";
        c["NumberOfVideoPages"] = CimValues.UInt(1);
        c["MaxMemorySupported"] = CimValues.UInt(generation == 1 ? 4u * 1024 * 1024 : 8u * 1024 * 1024);
        return c;
    }

    public CimInstance Head(VmRecord vm)
    {
        var running = vm.State == EnabledStates.Enabled;
        var h = Device(vm, "Msvm_VideoHead", "Video Head", "Microsoft Video Head", "head");
        h["CurrentHorizontalResolution"] = running ? CimValues.UInt(Width) : null;
        h["CurrentVerticalResolution"] = running ? CimValues.UInt(Height) : null;
        h["CurrentBitsPerPixel"] = running ? CimValues.UInt(32) : null;
        h["CurrentRefreshRate"] = running ? CimValues.UInt(60) : null;
        h["CurrentNumberOfColors"] = running ? CimValues.UInt(1UL << 32) : null;
        return h;
    }

    private CimInstance Device(VmRecord vm, string className, string caption, string description, string role)
    {
        var running = vm.State == EnabledStates.Enabled;
        var d = _ns.New(className);
        d["Caption"] = caption;
        d["CreationClassName"] = className;
        d["Description"] = description;
        d["DeviceID"] = VmInstanceFactory.SettingDataId(vm) + @"\" + StableGuid.UpperFrom($"{vm.Name}/{role}");
        d["ElementName"] = caption;
        d["EnabledDefault"] = CimValues.UInt(2);
        d["EnabledState"] = (running ? 2 : 3).ToString(CultureInfo.InvariantCulture);
        d["HealthState"] = CimValues.UInt(5);
        d["OperationalStatus"] = running ? CimValues.UIntArray(2) : null;
        d["RequestedState"] = CimValues.UInt(12);
        d["SystemCreationClassName"] = "Msvm_ComputerSystem";
        d["SystemName"] = vm.Name;
        return d;
    }
}
