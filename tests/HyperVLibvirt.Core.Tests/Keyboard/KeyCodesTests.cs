using HyperVLibvirt.Core.Keyboard;

namespace HyperVLibvirt.Core.Tests.Keyboard;

/// <summary>Key code translation against known pairs of the keymap database (qemu's keycodemapdb, data/keymaps.csv).</summary>
public sealed class KeyCodesTests
{
    [Theory]
    [InlineData("KEY_A", 30)]
    [InlineData("KEY_ESC", 1)]
    [InlineData("KEY_LEFTCTRL", 29)]
    [InlineData("KEY_DELETE", 111)]
    [InlineData("KEY_F12", 88)]
    [InlineData("key_leftalt", 56)]
    public void Linux_names_give_linux_keycodes(string name, int code) =>
        Assert.Equal(code, KeyCodes.FromName(KeyCodeSet.Linux, name));

    [Theory]
    [InlineData("VK_RETURN", 0x0d)]
    [InlineData("VK_CONTROL", 0x11)]
    [InlineData("VK_LWIN", 0x5b)]
    public void Win32_names_give_virtual_key_codes(string name, int code) =>
        Assert.Equal(code, KeyCodes.FromName(KeyCodeSet.Win32, name));

    [Fact]
    public void A_keycode_listed_twice_keeps_the_later_row_as_keymap_gen_does()
    {
        // keymaps.csv lists KEY_LEFTCTRL with VK_LCONTROL, then VK_CONTROL; and 42 as KEY_SHIFT, then KEY_LEFTSHIFT.
        Assert.Equal(0x11, KeyCodes.Translate(KeyCodeSet.Linux, KeyCodeSet.Win32, 29));
        Assert.Null(KeyCodes.FromName(KeyCodeSet.Win32, "VK_LCONTROL"));
        Assert.Equal(42, KeyCodes.FromName(KeyCodeSet.Linux, "KEY_LEFTSHIFT"));
        Assert.Null(KeyCodes.FromName(KeyCodeSet.Linux, "KEY_SHIFT"));
    }

    [Theory]
    [InlineData(KeyCodeSet.Linux, 30, 0x41)]          // KEY_A -> VK_A
    [InlineData(KeyCodeSet.Linux, 28, 0x0d)]          // KEY_ENTER -> VK_RETURN
    [InlineData(KeyCodeSet.Linux, 111, 0x2e)]         // KEY_DELETE -> VK_DELETE
    [InlineData(KeyCodeSet.Xt, 0x1e, 0x41)]           // XT is AT set 1
    [InlineData(KeyCodeSet.AtSet1, 0xe053, 0x2e)]     // E0 53: Delete
    [InlineData(KeyCodeSet.AtSet2, 0x1c, 0x41)]       // A
    [InlineData(KeyCodeSet.AtSet2, 0xe071, 0x2e)]     // E0 71: Delete
    [InlineData(KeyCodeSet.AtSet3, 0x1c, 0x41)]       // A
    [InlineData(KeyCodeSet.AtSet3, 0x64, 0x2e)]       // Delete
    [InlineData(KeyCodeSet.OsX, 0x0, 0x41)]           // ANSI_A
    [InlineData(KeyCodeSet.OsX, 0x24, 0x0d)]          // Return
    [InlineData(KeyCodeSet.XtKbd, 0x153, 0x2e)]       // 0x100 | 0x53
    [InlineData(KeyCodeSet.Usb, 4, 0x41)]             // HID usage 4: A
    [InlineData(KeyCodeSet.Usb, 76, 0x2e)]            // HID usage 76: Delete Forward
    [InlineData(KeyCodeSet.Qnum, 0xd3, 0x2e)]         // 0x80 | 0x53
    [InlineData(KeyCodeSet.Qnum, 0x72, 0x16)]         // Hangeul loses its high bit
    [InlineData(KeyCodeSet.Win32, 0x41, 0x41)]
    public void Each_set_translates_to_the_virtual_key_code(KeyCodeSet set, int code, int virtualKey) =>
        Assert.Equal(virtualKey, KeyCodes.Translate(set, KeyCodeSet.Win32, code));

    [Fact]
    public void Translation_goes_both_ways_between_sets()
    {
        Assert.Equal(0x1e, KeyCodes.Translate(KeyCodeSet.Linux, KeyCodeSet.AtSet1, 30));
        Assert.Equal(30, KeyCodes.Translate(KeyCodeSet.Win32, KeyCodeSet.Linux, 0x41));
        Assert.Null(KeyCodes.Translate(KeyCodeSet.Linux, KeyCodeSet.Win32, 112)); // KEY_MACRO has no virtual-key code
    }

    [Theory]
    [InlineData("linux", KeyCodeSet.Linux)]
    [InlineData("os_x", KeyCodeSet.OsX)]
    [InlineData("xt_kbd", KeyCodeSet.XtKbd)]
    [InlineData("RFB", KeyCodeSet.Qnum)]
    [InlineData("qnum", KeyCodeSet.Qnum)]
    public void Code_sets_go_by_libvirts_names(string name, KeyCodeSet set) => Assert.Equal(set, KeyCodes.ParseSet(name));

    [Fact]
    public void Every_libvirt_set_name_parses_and_an_unknown_one_does_not()
    {
        Assert.All(KeyCodes.SetNames, n => Assert.NotNull(KeyCodes.ParseSet(n)));
        Assert.Null(KeyCodes.ParseSet("ebcdic"));
    }

    [Theory]
    [InlineData("KEY_LEFTCTRL", 0x11u, "VK_CONTROL")]
    [InlineData("29", 0x11u, "VK_CONTROL")]
    [InlineData("0x1d", 0x11u, "VK_CONTROL")]
    [InlineData("035", 0x11u, "VK_CONTROL")]
    public void A_key_argument_is_a_number_or_a_name_as_virsh_reads_it(string key, uint virtualKey, string vkName)
    {
        var stroke = KeyCodes.Resolve(KeyCodeSet.Linux, key);
        Assert.Equal(virtualKey, stroke.VirtualKey);
        Assert.Equal(vkName, stroke.VirtualKeyName);
        Assert.Equal(29, stroke.Code);
    }

    [Fact]
    public void Win32_codes_go_through_as_given()
    {
        Assert.Equal(0x0du, KeyCodes.Resolve(KeyCodeSet.Win32, "13").VirtualKey);
        Assert.Equal(0x5bu, KeyCodes.Resolve(KeyCodeSet.Win32, "VK_LWIN").VirtualKey);
        var leftControl = KeyCodes.Resolve(KeyCodeSet.Win32, "0xa2"); // VK_LCONTROL: the database names 0xa2 no more (VK_CONTROL won)
        Assert.Equal(0xa2u, leftControl.VirtualKey);
        Assert.Equal("VK 0xa2", leftControl.VirtualKeyName);
    }

    [Fact]
    public void An_unknown_name_says_so_and_shows_what_names_look_like()
    {
        var e = Assert.Throws<HvKeyCodeException>(() => KeyCodes.Resolve(KeyCodeSet.Linux, "CTRL"));
        Assert.Contains("'CTRL'", e.Message, StringComparison.Ordinal);
        Assert.Contains("KEY_LEFTCTRL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_in_a_set_without_names_says_to_give_numbers()
    {
        var e = Assert.Throws<HvKeyCodeException>(() => KeyCodes.Resolve(KeyCodeSet.Usb, "KEY_A"));
        Assert.Contains("has no key names", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyCodeSet.Linux, "112")]   // KEY_MACRO
    [InlineData(KeyCodeSet.Linux, "999")]   // no such key
    [InlineData(KeyCodeSet.Win32, "255")]   // above the virtual-key range
    public void A_key_without_a_virtual_key_code_is_refused_as_libvirt_refuses_it(KeyCodeSet set, string key)
    {
        var e = Assert.Throws<HvKeyCodeException>(() => KeyCodes.Resolve(set, key));
        Assert.StartsWith("Could not translate keycode", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0x10000")]
    public void Numbers_outside_1_to_0xffff_are_not_key_codes(string key) =>
        Assert.Throws<HvKeyCodeException>(() => KeyCodes.Resolve(KeyCodeSet.Linux, key));

    [Fact]
    public void Every_row_has_a_distinct_linux_code_and_a_virtual_key_in_range()
    {
        var rows = Enumerable.Range(1, 0x200).Select(c => KeyCodes.Translate(KeyCodeSet.Linux, KeyCodeSet.Win32, c)).Where(v => v is not null).ToArray();
        Assert.Equal(146, rows.Length);
        Assert.All(rows, v => Assert.InRange(v!.Value, 1, 254));
    }
}
