namespace HyperVLibvirt.Core.Keyboard;

/// <summary>One key of <see cref="KeyCodeTable"/>: its code in each of libvirt's code sets (null: the set has none) and its names.</summary>
internal sealed record KeyCodeRow(
    int Linux,
    string LinuxName,
    string? OsXName,
    int? OsX,
    int? AtSet1,
    int? AtSet2,
    int? AtSet3,
    int? Usb,
    string Win32Name,
    int Win32,
    int? XtKbd,
    int? Qnum)
{
    /// <summary>The key's code in <paramref name="set"/>, or null.</summary>
    public int? CodeIn(KeyCodeSet set) => set switch
    {
        KeyCodeSet.Linux => Linux,
        KeyCodeSet.Xt or KeyCodeSet.AtSet1 => AtSet1,
        KeyCodeSet.AtSet2 => AtSet2,
        KeyCodeSet.AtSet3 => AtSet3,
        KeyCodeSet.OsX => OsX,
        KeyCodeSet.XtKbd => XtKbd,
        KeyCodeSet.Usb => Usb,
        KeyCodeSet.Win32 => Win32,
        KeyCodeSet.Qnum => Qnum,
        _ => null,
    };

    /// <summary>The key's name in <paramref name="set"/> (libvirt names keys in linux, os_x and win32 only), or null.</summary>
    public string? NameIn(KeyCodeSet set) => set switch
    {
        KeyCodeSet.Linux => LinuxName,
        KeyCodeSet.OsX => OsXName,
        KeyCodeSet.Win32 => Win32Name,
        _ => null,
    };
}
