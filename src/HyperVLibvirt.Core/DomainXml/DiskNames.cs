using System.Text;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>Target device names as libvirt's virIndexToDiskName (src/util/virutil.c) makes them: 0 → hda, 25 → hdz, 26 → hdaa.</summary>
public static class DiskNames
{
    /// <summary>The name of disk <paramref name="index"/> with <paramref name="prefix"/> (hd, sd).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static string FromIndex(int index, string prefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentNullException.ThrowIfNull(prefix);
        var letters = new StringBuilder();
        // Bijective base 26, as a spreadsheet names its columns.
        for (var i = index; i >= 0; i = i / 26 - 1)
        {
            letters.Insert(0, (char)('a' + i % 26));
        }
        return prefix + letters;
    }
}
