using System.Globalization;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Shared boxed values, so a host with 100,000 VMs does not allocate a box per small number,
/// per boolean or per constant array.
/// </summary>
internal static class CimValues
{
    private const int CachedUnsignedCount = 4096;
    private static readonly object[] SmallUnsigned = CreateSmallUnsigned();

    /// <summary>Boxed <c>true</c>.</summary>
    public static readonly object True = true;

    /// <summary>Boxed <c>false</c>.</summary>
    public static readonly object False = false;

    /// <summary>The zero time WMI reports for "never" (1601-01-01T00:00:00Z).</summary>
    public static readonly object NeverDateTime = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A boxed unsigned integer (cached for small values).</summary>
    public static object UInt(ulong value) => value < CachedUnsignedCount ? SmallUnsigned[value] : value;

    /// <summary>A boxed boolean (always one of two shared boxes).</summary>
    public static object Bool(bool value) => value ? True : False;

    /// <summary>A one-element array of a boxed unsigned integer.</summary>
    public static IReadOnlyList<object> UIntArray(params ulong[] values) => values.Select(UInt).ToArray();

    /// <summary>A string array.</summary>
    public static IReadOnlyList<object> StringArray(params string[] values) => values.Cast<object>().ToArray();

    /// <summary>
    /// Parses a WMI datetime written either as DMTF text (<c>yyyymmddHHMMSS.mmmmmmsUUU</c>), as a
    /// DMTF interval (<c>ddddddddHHMMSS.mmmmmm:000</c>) or as ISO 8601.
    /// </summary>
    public static bool TryParseDateTime(string text, out object? value)
    {
        value = null;
        var s = text.Trim();
        if (s.Length == 25 && s[21] == ':' && long.TryParse(s.AsSpan(0, 8), NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            && TryTimeOfDay(s, 8, out var interval))
        {
            value = TimeSpan.FromDays(days) + interval;
            return true;
        }

        if (s.Length == 25 && (s[21] == '+' || s[21] == '-')
            && DateTime.TryParseExact(s.AsSpan(0, 14), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && int.TryParse(s.AsSpan(15, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
            && int.TryParse(s.AsSpan(22, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var offsetMinutes))
        {
            var offset = TimeSpan.FromMinutes(s[21] == '-' ? -offsetMinutes : offsetMinutes);
            value = new DateTimeOffset(local, offset).AddTicks(micros * 10L).ToUniversalTime();
            return true;
        }

        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var iso))
        {
            value = iso;
            return true;
        }

        if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var span))
        {
            value = span;
            return true;
        }

        return false;
    }

    private static bool TryTimeOfDay(string s, int start, out TimeSpan result)
    {
        result = default;
        if (!int.TryParse(s.AsSpan(start, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(s.AsSpan(start + 2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(s.AsSpan(start + 4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var sec)
            || s[start + 6] != '.'
            || !int.TryParse(s.AsSpan(start + 7, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
        {
            return false;
        }

        result = new TimeSpan(0, h, m, sec) + TimeSpan.FromTicks(micros * 10L);
        return true;
    }

    private static object[] CreateSmallUnsigned()
    {
        var boxes = new object[CachedUnsignedCount];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = (ulong)i;
        }

        return boxes;
    }
}
