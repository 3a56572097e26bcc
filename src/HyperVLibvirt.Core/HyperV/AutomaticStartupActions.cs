namespace HyperVLibvirt.Core.HyperV;

/// <summary>Msvm_VirtualSystemSettingData <c>AutomaticStartupAction</c> values.</summary>
public static class AutomaticStartupActions
{
    /// <summary>Never start with the host (libvirt writes this to turn autostart off).</summary>
    public const ushort None = 2;

    /// <summary>Start if the VM was running when the host stopped.</summary>
    public const ushort RestartIfPreviouslyActive = 3;

    /// <summary>Always start with the host: libvirt's "autostart".</summary>
    public const ushort AlwaysStart = 4;
}
