using System.Globalization;

namespace HyperVLibvirt.Formatting;

/// <summary>
/// Byte counts as the format views show them: binary units with up to two decimals (1073741824 is "1 GiB",
/// 1610612736 is "1.5 GiB"). The objects keep their exact numbers; only the views call this.
/// </summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary><paramref name="bytes"/> in binary units; an empty string when it is unknown.</summary>
    public static string Format(double? bytes) => Format(bytes, string.Empty);

    /// <summary><paramref name="bytes"/> in binary units; <paramref name="unknown"/> (such as "-") when it is null.</summary>
    public static string Format(double? bytes, string unknown)
    {
        if (bytes is not { } value)
        {
            return unknown;
        }
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        // The views' -f formatting used the current culture; so does this.
        return string.Format(CultureInfo.CurrentCulture, "{0:0.##} {1}", value, Units[unit]);
    }
}
