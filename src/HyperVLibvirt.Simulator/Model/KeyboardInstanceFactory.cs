namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// A VM's Msvm_Keyboard (one per VM in root/virtualization/v2), joined to the VM by Msvm_SystemDevice, so that
/// libvirt's hypervDomainSendKey finds it with
/// <c>ASSOCIATORS OF {Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='&lt;vm&gt;'} WHERE ResultClass = Msvm_Keyboard</c>
/// and Microsoft's samples with GetRelated("Msvm_Keyboard", "Msvm_SystemDevice", …). Enabled while the VM runs.
/// </summary>
internal sealed class KeyboardInstanceFactory
{
    private readonly HostNamespace _ns;

    public KeyboardInstanceFactory(HostNamespace ns) => _ns = ns;

    public CimInstance Keyboard(VmRecord vm)
    {
        var running = vm.State == EnabledStates.Enabled;
        var k = _ns.New("Msvm_Keyboard");
        k["Caption"] = "Keyboard";
        k["CreationClassName"] = "Msvm_Keyboard";
        k["Description"] = "Microsoft Virtual Keyboard";
        k["DeviceID"] = VmInstanceFactory.SettingDataId(vm) + @"\" + StableGuid.UpperFrom($"{vm.Name}/keyboard");
        k["ElementName"] = "Keyboard";
        k["EnabledDefault"] = CimValues.UInt(2);
        k["EnabledState"] = CimValues.UInt(running ? 2u : 3u);
        k["HealthState"] = CimValues.UInt(5);
        k["OperationalStatus"] = running ? CimValues.UIntArray(2) : null;
        k["RequestedState"] = CimValues.UInt(12);
        k["SystemCreationClassName"] = "Msvm_ComputerSystem";
        k["SystemName"] = vm.Name;
        k["Layout"] = "00000409";
        k["NumberOfFunctionKeys"] = CimValues.UInt(12);
        k["IsLocked"] = CimValues.False;
        k["UnicodeSupported"] = CimValues.False;
        return k;
    }
}
