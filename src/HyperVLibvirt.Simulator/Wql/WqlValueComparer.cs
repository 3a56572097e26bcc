using System.Globalization;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Wql;

/// <summary>
/// How WQL compares values: strings case-insensitively, numbers by value whatever their CLR
/// type, datetimes as instants, and text against a typed value by converting the text.
/// </summary>
internal static class WqlValueComparer
{
    /// <summary>Compares two non-null values; null when they cannot be compared.</summary>
    public static int? Compare(object a, object b)
    {
        switch (a, b)
        {
            case (string x, string y):
                return string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
            case (bool x, bool y):
                return x.CompareTo(y);
            case (DateTimeOffset x, DateTimeOffset y):
                return x.CompareTo(y);
            case (TimeSpan x, TimeSpan y):
                return x.CompareTo(y);
            case (string x, _):
                return TryConvertText(x, b, out var converted) ? Compare(converted, b) : null;
            case (_, string y):
                return TryConvertText(y, a, out var convertedB) ? Compare(a, convertedB) : null;
            case (bool x, _) when IsNumber(b):
                return CompareNumbers(x ? 1L : 0L, b);
            case (_, bool y) when IsNumber(a):
                return CompareNumbers(a, y ? 1L : 0L);
        }

        return IsNumber(a) && IsNumber(b) ? CompareNumbers(a, b) : null;
    }

    /// <summary>Whether a comparison result satisfies the operator.</summary>
    public static bool Satisfies(int comparison, WqlComparisonOperator op) => op switch
    {
        WqlComparisonOperator.Equal => comparison == 0,
        WqlComparisonOperator.NotEqual => comparison != 0,
        WqlComparisonOperator.Less => comparison < 0,
        WqlComparisonOperator.Greater => comparison > 0,
        WqlComparisonOperator.LessOrEqual => comparison <= 0,
        _ => comparison >= 0,
    };

    /// <summary>
    /// Converts a constant to the CLR type of a property of <paramref name="type"/>, so the
    /// per-instance comparison is a plain typed compare. Throws <see cref="CimException"/>
    /// (InvalidQuery) on a type mismatch, as WMI does.
    /// </summary>
    public static object? CoerceConstant(object? constant, CimType type, string propertyName)
    {
        if (constant is null)
        {
            return null;
        }

        object? result = type switch
        {
            CimType.String or CimType.Char16 => constant switch
            {
                string s => s,
                bool b => b ? "TRUE" : "FALSE",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => null,
            },
            CimType.Boolean => constant switch
            {
                bool b => b,
                string s when bool.TryParse(s, out var parsed) => parsed,
                long l => l != 0,
                ulong u => u != 0,
                _ => null,
            },
            CimType.DateTime => constant is string text && CimValues.TryParseDateTime(text, out var when) ? when : null,
            CimType.Reference or CimType.Object => null,
            _ => constant switch
            {
                long or ulong or double => constant,
                bool b => b ? 1L : 0L,
                string s => ParseNumber(s),
                _ => null,
            },
        };

        return result ?? throw new CimException(CimErrorKind.InvalidQuery, $"Invalid query: type mismatch comparing '{propertyName}' ({type}) with '{constant}'.");
    }

    private static object? ParseNumber(string text)
    {
        var s = text.Trim();
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        if (ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var u))
        {
            return u;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static bool TryConvertText(string text, object sample, out object converted)
    {
        object? value = sample switch
        {
            bool => bool.TryParse(text.Trim(), out var b) ? b : null,
            DateTimeOffset or TimeSpan => CimValues.TryParseDateTime(text, out var dt) ? dt : null,
            _ when IsNumber(sample) => ParseNumber(text),
            _ => null,
        };
        converted = value!;
        return value is not null;
    }

    private static bool IsNumber(object value) => value is long or ulong or double or int or uint or short or ushort or byte or sbyte or float;

    private static int CompareNumbers(object a, object b)
    {
        if (a is double or float || b is double or float)
        {
            return Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture));
        }

        return ToInt128(a).CompareTo(ToInt128(b));
    }

    private static Int128 ToInt128(object value) => value switch
    {
        ulong u => u,
        long l => l,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };
}
