using System.Globalization;
using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>Parses the datetime and interval texts a CIM property can carry (CIM datetime and interval, DMTF DSP0004; as WinRM sends them, DMTF DSP0230).</summary>
internal static class CimDateTimeParser
{
    /// <summary>
    /// ISO 8601 (<c>2025-12-17T09:55:22.702341Z</c>, with Z or an offset; no zone means UTC) or DMTF
    /// <c>yyyymmddHHMMSS.mmmmmmsUUU</c> (sign + offset minutes).
    /// </summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        var s = text.AsSpan().Trim();
        if (s.Length == 25 && (s[21] == '+' || s[21] == '-') && s[14] == '.' && IsDigits(s[..14]))
        {
            return TryParseDmtfTimestamp(s, out value);
        }
        if (TryParseIsoFast(s, out value))
        {
            return true;
        }
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
    }

    /// <summary>xs:duration (<c>P1DT2H3M4.5S</c>) or DMTF interval <c>ddddddddhhmmss.mmmmmm:000</c>.</summary>
    public static bool TryParseInterval(string text, out TimeSpan value)
    {
        var s = text.AsSpan().Trim();
        if (s.Length == 25 && s[21] == ':' && s[14] == '.' && IsDigits(s[..14]) && IsDigits(s.Slice(15, 6)))
        {
            var days = long.Parse(s[..8], NumberStyles.None, CultureInfo.InvariantCulture);
            var hours = int.Parse(s.Slice(8, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            var minutes = int.Parse(s.Slice(10, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            var seconds = int.Parse(s.Slice(12, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            var micros = int.Parse(s.Slice(15, 6), NumberStyles.None, CultureInfo.InvariantCulture);
            if (days > TimeSpan.MaxValue.Days || hours > 23 || minutes > 59 || seconds > 59)
            {
                value = default;
                return false;
            }
            value = new TimeSpan(days * TimeSpan.TicksPerDay + hours * TimeSpan.TicksPerHour + minutes * TimeSpan.TicksPerMinute
                + seconds * TimeSpan.TicksPerSecond + micros * 10L);
            return true;
        }
        if (s.Length > 1 && (s[0] == 'P' || (s[0] == '-' && s[1] == 'P')))
        {
            try
            {
                value = XmlConvert.ToTimeSpan(s.ToString());
                return true;
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
            }
        }
        value = default;
        return false;
    }

    private static bool TryParseDmtfTimestamp(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (!IsDigits(s.Slice(15, 6)) || !IsDigits(s.Slice(22, 3)))
        {
            return false;
        }
        try
        {
            var offsetMinutes = N(s, 22, 3) * (s[21] == '-' ? -1 : 1);
            var dt = new DateTime(N(s, 0, 4), N(s, 4, 2), N(s, 6, 2), N(s, 8, 2), N(s, 10, 2), N(s, 12, 2), DateTimeKind.Unspecified)
                .AddTicks(N(s, 15, 6) * 10L);
            value = new DateTimeOffset(dt, TimeSpan.FromMinutes(offsetMinutes));
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>The wire's usual <c>yyyy-MM-ddTHH:mm:ss[.fffffff]</c> + <c>Z</c> or <c>±hh:mm</c>, without the general parser.</summary>
    private static bool TryParseIsoFast(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
            || !IsDigits(s[..4]) || !IsDigits(s.Slice(5, 2)) || !IsDigits(s.Slice(8, 2)) || !IsDigits(s.Slice(11, 2))
            || !IsDigits(s.Slice(14, 2)) || !IsDigits(s.Slice(17, 2)))
        {
            return false;
        }
        var i = 19;
        long fractionTicks = 0;
        if (s[i] == '.')
        {
            i++;
            var scale = 1_000_000L;
            var start = i;
            while (i < s.Length && s[i] is >= '0' and <= '9')
            {
                if (scale > 0)
                {
                    fractionTicks += (s[i] - '0') * scale;
                    scale /= 10;
                }
                i++;
            }
            if (i == start || i >= s.Length)
            {
                return false;
            }
        }
        TimeSpan offset;
        var zone = s[i..];
        if (zone.Length == 1 && zone[0] == 'Z')
        {
            offset = TimeSpan.Zero;
        }
        else if (zone.Length == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' && IsDigits(zone.Slice(1, 2)) && IsDigits(zone.Slice(4, 2)))
        {
            offset = new TimeSpan(N(zone, 1, 2), N(zone, 4, 2), 0);
            if (zone[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }
        try
        {
            var dt = new DateTime(N(s, 0, 4), N(s, 5, 2), N(s, 8, 2), N(s, 11, 2), N(s, 14, 2), N(s, 17, 2), DateTimeKind.Unspecified)
                .AddTicks(fractionTicks);
            value = new DateTimeOffset(dt, offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static int N(ReadOnlySpan<char> s, int start, int len) => int.Parse(s.Slice(start, len), NumberStyles.None, CultureInfo.InvariantCulture);

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
