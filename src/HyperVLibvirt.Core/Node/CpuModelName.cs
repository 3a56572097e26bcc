using System.Text;

namespace HyperVLibvirt.Core.Node;

/// <summary>
/// Cleans a Win32_Processor <c>Name</c> as libvirt's hypervNodeGetInfo (src/hyperv/hyperv_driver.c) does before
/// it copies the model into virNodeInfo: runs of spaces become one, <c>(R)</c>, <c>(C)</c> and <c>(TM)</c> go,
/// and everything from <c>" @ "</c> (the clock speed) is cut.
/// </summary>
public static class CpuModelName
{
    /// <summary>
    /// The longest model libvirt can return: virNodeInfo.model is a 32-byte C string, so 31 bytes of text.
    /// libvirt fails nodeinfo ("CPU model … too long for destination") past it; this module keeps the whole name.
    /// </summary>
    public const int LibvirtMaxBytes = 31;

    /// <summary>The cleaned model (null stays null).</summary>
    public static string? Clean(string? name)
    {
        if (name is null)
        {
            return null;
        }
        // Scanned left to right like libvirt's loop: each removal re-examines the same position.
        var text = new StringBuilder(name);
        var i = 0;
        while (i < text.Length)
        {
            if (StartsWith(text, i, "  "))
            {
                text.Remove(i, 1);
            }
            else if (StartsWith(text, i, "(R)") || StartsWith(text, i, "(C)"))
            {
                text.Remove(i, 3);
            }
            else if (StartsWith(text, i, "(TM)"))
            {
                text.Remove(i, 4);
            }
            else if (StartsWith(text, i, " @ "))
            {
                text.Length = i;
            }
            else
            {
                i++;
            }
        }
        return text.ToString();
    }

    /// <summary>Whether libvirt's nodeinfo would refuse this (cleaned) model as too long.</summary>
    public static bool ExceedsLibvirtLimit(string? model) => model is not null && Encoding.UTF8.GetByteCount(model) > LibvirtMaxBytes;

    private static bool StartsWith(StringBuilder text, int index, string prefix)
    {
        if (index + prefix.Length > text.Length)
        {
            return false;
        }
        for (var k = 0; k < prefix.Length; k++)
        {
            // libvirt's STRPREFIX is case-sensitive.
            if (text[index + k] != prefix[k])
            {
                return false;
            }
        }
        return true;
    }
}
