using System.Globalization;
using System.Text;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Builds the text that identifies an instance by its key values, compared case-insensitively
/// (WinRM treats selector values that way), so lookups by key are dictionary hits.
/// </summary>
internal static class InstanceKeys
{
    private const char Separator = '\u001F';

    /// <summary>The key text of an instance.</summary>
    public static string Of(CimInstance instance)
    {
        var keys = instance.Class.Keys;
        if (keys.Count == 1)
        {
            return ValueText(instance[keys[0]]);
        }

        var builder = new StringBuilder();
        foreach (var key in keys)
        {
            builder.Append(ValueText(instance[key])).Append(Separator);
        }

        return builder.ToString();
    }

    /// <summary>The key text for a full set of selector values in key order, or null when a key is missing.</summary>
    public static string? FromSelectors(CimClassDefinition cimClass, IReadOnlyList<KeyValuePair<string, string>> selectors)
    {
        var keys = cimClass.Keys;
        var values = new string[keys.Count];
        for (var k = 0; k < keys.Count; k++)
        {
            string? found = null;
            foreach (var selector in selectors)
            {
                if (string.Equals(selector.Key, keys[k], StringComparison.OrdinalIgnoreCase))
                {
                    found = selector.Value;
                    break;
                }
            }

            if (found is null)
            {
                return null;
            }

            values[k] = found;
        }

        return keys.Count == 1 ? values[0] : string.Concat(values.Select(v => v + Separator));
    }

    /// <summary>The text of a key value: strings as they are, numbers invariant, references normalized.</summary>
    public static string ValueText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        CimReference r => ReferenceText(r),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A normalized reference: the class name and its selectors sorted by name.</summary>
    public static string ReferenceText(CimReference reference)
    {
        var uri = reference.ResourceUri;
        var builder = new StringBuilder(uri, uri.LastIndexOf('/') + 1, uri.Length - uri.LastIndexOf('/') - 1, 96);
        var selectors = reference.Selectors;
        var sorted = IsSorted(selectors) ? selectors : selectors.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).ToArray();
        foreach (var selector in sorted)
        {
            builder.Append(Separator).Append(selector.Key).Append('=').Append(selector.Value);
        }

        return builder.ToString();
    }

    private static bool IsSorted(IReadOnlyList<KeyValuePair<string, string>> selectors)
    {
        for (var i = 1; i < selectors.Count; i++)
        {
            if (string.Compare(selectors[i - 1].Key, selectors[i].Key, StringComparison.OrdinalIgnoreCase) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A reference to an instance, with all its keys as selectors in schema key order.</summary>
    public static CimReference ReferenceTo(CimInstance instance)
    {
        var keys = instance.Class.Keys;
        var selectors = new KeyValuePair<string, string>[keys.Count];
        for (var i = 0; i < selectors.Length; i++)
        {
            selectors[i] = new KeyValuePair<string, string>(keys[i], ValueText(instance[keys[i]]));
        }

        return new CimReference(instance.Class.ResourceUri, selectors);
    }
}
