namespace HyperVLibvirt.Core.Keyboard;

/// <summary>
/// libvirt's key code sets (virKeycodeSet, <c>src/util/virkeycode.h</c>; <c>virsh send-key --codeset</c>).
/// RFB is QNUM under its older name.
/// </summary>
public enum KeyCodeSet
{
    /// <summary>Linux input keycodes (linux/input.h), virsh's default.</summary>
    Linux,

    /// <summary>XT scancodes; libvirt treats them as AT set 1.</summary>
    Xt,

    /// <summary>AT set 1 scancodes (an 0xE0 prefix as 0xE0xx).</summary>
    AtSet1,

    /// <summary>AT set 2 scancodes.</summary>
    AtSet2,

    /// <summary>AT set 3 scancodes.</summary>
    AtSet3,

    /// <summary>macOS virtual key codes (Carbon's Events.h).</summary>
    OsX,

    /// <summary>Linux's raw XT keycodes (an 0xE0 prefix as 0x100).</summary>
    XtKbd,

    /// <summary>USB HID keyboard usages.</summary>
    Usb,

    /// <summary>Windows virtual-key codes, what Msvm_Keyboard takes.</summary>
    Win32,

    /// <summary>QEMU key numbers (also called RFB: an 0xE0 prefix as 0x80).</summary>
    Qnum,
}
