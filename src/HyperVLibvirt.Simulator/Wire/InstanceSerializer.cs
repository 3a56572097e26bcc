using System.Globalization;
using System.Runtime.CompilerServices;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>
/// Writes CIM instances, references and values the way WinRM's WMI plug-in does (DMTF DSP0230's WS-CIM mapping; MS-WSMV 2.2.5.3):
/// the instance element in its class namespace with xsi/p/cim declared on it, properties in schema
/// order, nil scalars, absent null arrays, repeated array elements, cim:Datetime in UTC.
/// </summary>
internal static class InstanceSerializer
{
    private sealed class ClassNames
    {
        public required string Element;
        public required string TypeName;
        public required string[] Qualified;
        public required string[] Unqualified;
    }

    private static readonly ConditionalWeakTable<CimClassDefinition, ClassNames> NameCache = new();

    /// <summary>Writes a full instance element, e.g. <c>&lt;p:Msvm_ComputerSystem …&gt;</c>.</summary>
    public static void WriteInstance(Utf8XmlWriter writer, CimInstance instance)
    {
        var names = NamesOf(instance.Class);
        writer.StartElement(names.Element);
        writer.Attribute("xmlns:xsi", WsManNamespaces.Xsi);
        writer.Attribute("xmlns:p", instance.Class.ResourceUri);
        writer.Attribute("xmlns:cim", WsManNamespaces.Cim);
        writer.Attribute("xsi:type", names.TypeName);
        WriteProperties(writer, instance, names.Qualified, "cim:", depth: 0);
        writer.EndElement();
    }

    /// <summary>Writes the <c>w:XmlFragment</c> form of <c>SELECT A, B FROM …</c>: unqualified property elements.</summary>
    public static void WriteFragment(Utf8XmlWriter writer, CimInstance instance, IReadOnlyList<string> selectedProperties)
    {
        var names = NamesOf(instance.Class);
        writer.StartElement("w:XmlFragment");
        writer.Attribute("xmlns:xsi", WsManNamespaces.Xsi);
        writer.Attribute("xmlns:w", WsManNamespaces.WsMan);
        var schema = instance.Class.Properties;
        for (var i = 0; i < schema.Count; i++)
        {
            if (!IsSelected(schema[i].Name, selectedProperties))
            {
                continue;
            }

            WriteProperty(writer, names.Unqualified[i], schema[i], instance.GetValue(i), string.Empty, depth: 0);
        }

        writer.EndElement();
    }

    /// <summary>Writes <c>a:EndpointReference</c> (EnumerateEPR mode items); a/w are in scope from the envelope.</summary>
    public static void WriteEndpointReference(Utf8XmlWriter writer, CimReference reference)
    {
        writer.StartElement("a:EndpointReference");
        WriteReferenceBody(writer, reference);
        writer.EndElement();
    }

    /// <summary>Writes <c>a:Address</c> + <c>a:ReferenceParameters</c> (the EPR body, no wrapper).</summary>
    public static void WriteReferenceBody(Utf8XmlWriter writer, CimReference reference)
    {
        writer.Element("a:Address", WsManNamespaces.AnonymousRole);
        writer.StartElement("a:ReferenceParameters");
        writer.Element("w:ResourceURI", reference.ResourceUri);
        writer.StartElement("w:SelectorSet");
        foreach (var selector in reference.Selectors)
        {
            writer.StartElement("w:Selector");
            writer.Attribute("Name", selector.Key);
            writer.Text(selector.Value);
            writer.EndElement();
        }

        writer.EndElement();
        writer.EndElement();
    }

    /// <summary>The reference (resource URI + key selectors) of an instance.</summary>
    public static CimReference ReferenceOf(CimInstance instance)
    {
        var keys = instance.Class.Keys;
        var selectors = new KeyValuePair<string, string>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var index = instance.Class.IndexOf(keys[i]);
            var value = index >= 0 ? instance.GetValue(index) : null;
            selectors[i] = new(keys[i], value is null ? string.Empty : ScalarText(value));
        }

        return new CimReference(instance.Class.ResourceUri, selectors);
    }

    /// <summary>Writes one method output parameter (type taken from the CLR value), in the <c>p:</c> namespace.</summary>
    public static void WriteParameter(Utf8XmlWriter writer, string name, object? value)
    {
        var qualified = "p:" + name;
        if (value is null)
        {
            writer.StartElement(qualified);
            writer.Attribute("xsi:nil", "true");
            writer.EndElement();
            return;
        }

        if (value is IReadOnlyList<object> list && value is not string)
        {
            foreach (var item in list)
            {
                WriteValueElement(writer, qualified, null, item, "cim:", depth: 0);
            }

            return;
        }

        WriteValueElement(writer, qualified, null, value, "cim:", depth: 0);
    }

    /// <summary>The text form of a scalar value (selectors, fragment text).</summary>
    public static string ScalarText(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatReal(d),
        float f => FormatReal(f),
        int i => i.ToString(CultureInfo.InvariantCulture),
        uint ui => ui.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset t => FormatDatetime(t),
        TimeSpan span => System.Xml.XmlConvert.ToString(span),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Formats a timestamp as WinRM does: UTC, microseconds with trailing zeros dropped, <c>Z</c>.</summary>
    public static string FormatDatetime(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var micro = (utc.Ticks % TimeSpan.TicksPerSecond) / 10;
        var text = utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        if (micro == 0)
        {
            return text + "Z";
        }

        var fraction = micro.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0');
        return text + "." + fraction + "Z";
    }

    private static string FormatReal(double value) => System.Xml.XmlConvert.ToString(value);

    private static bool IsSelected(string name, IReadOnlyList<string> selected)
    {
        for (var i = 0; i < selected.Count; i++)
        {
            if (string.Equals(selected[i], name, StringComparison.OrdinalIgnoreCase) || selected[i] == "*")
            {
                return true;
            }
        }

        return false;
    }

    private static ClassNames NamesOf(CimClassDefinition cimClass) => NameCache.GetValue(cimClass, static c =>
    {
        var props = c.Properties;
        var qualified = new string[props.Count];
        var unqualified = new string[props.Count];
        for (var i = 0; i < props.Count; i++)
        {
            qualified[i] = "p:" + props[i].Name;
            unqualified[i] = props[i].Name;
        }

        return new ClassNames { Element = "p:" + c.Name, TypeName = "p:" + c.Name + "_Type", Qualified = qualified, Unqualified = unqualified };
    });

    private static void WriteProperties(Utf8XmlWriter writer, CimInstance instance, string[] qualifiedNames, string cimPrefix, int depth)
    {
        var schema = instance.Class.Properties;
        for (var i = 0; i < schema.Count; i++)
        {
            WriteProperty(writer, qualifiedNames[i], schema[i], instance.GetValue(i), cimPrefix, depth);
        }
    }

    private static void WriteProperty(Utf8XmlWriter writer, string qualifiedName, CimPropertyDefinition property, object? value, string cimPrefix, int depth)
    {
        if (value is null)
        {
            // Real hosts leave null arrays out and send null scalars as xsi:nil.
            if (property.IsArray)
            {
                return;
            }

            writer.StartElement(qualifiedName);
            writer.Attribute("xsi:nil", "true");
            writer.EndElement();
            return;
        }

        if (value is IReadOnlyList<object> list && value is not string)
        {
            for (var i = 0; i < list.Count; i++)
            {
                WriteValueElement(writer, qualifiedName, property.Type, list[i], cimPrefix, depth);
            }

            return;
        }

        WriteValueElement(writer, qualifiedName, property.Type, value, cimPrefix, depth);
    }

    private static void WriteValueElement(Utf8XmlWriter writer, string qualifiedName, CimType? type, object? value, string cimPrefix, int depth)
    {
        writer.StartElement(qualifiedName);
        switch (value)
        {
            case null:
                writer.Attribute("xsi:nil", "true");
                break;
            case string s:
                writer.Text(s);
                break;
            case bool b:
                writer.AsciiText(b ? "true" : "false");
                break;
            case ulong u:
                WriteNumber(writer, u);
                break;
            case long l:
                WriteNumber(writer, l);
                break;
            case DateTimeOffset timestamp:
                writer.StartElement(cimPrefix.Length == 0 ? "Datetime" : "cim:Datetime");
                writer.AsciiText(FormatDatetime(timestamp));
                writer.EndElement();
                break;
            case TimeSpan interval:
                writer.StartElement(cimPrefix.Length == 0 ? "Interval" : "cim:Interval");
                writer.AsciiText(System.Xml.XmlConvert.ToString(interval));
                writer.EndElement();
                break;
            case CimReference reference:
                writer.Attribute("xmlns:a", WsManNamespaces.Addressing);
                writer.Attribute("xmlns:w", WsManNamespaces.WsMan);
                WriteReferenceBody(writer, reference);
                break;
            case CimInstance embedded:
                WriteEmbedded(writer, embedded, depth + 1);
                break;
            default:
                writer.Text(type == CimType.Char16 && value is char c ? c.ToString() : ScalarText(value));
                break;
        }

        writer.EndElement();
    }

    private static void WriteEmbedded(Utf8XmlWriter writer, CimInstance embedded, int depth)
    {
        // The property element holds the embedded instance's properties in that class's own namespace.
        var prefix = "q" + depth.ToString(CultureInfo.InvariantCulture);
        writer.Attribute("xmlns:" + prefix, embedded.Class.ResourceUri);
        writer.Attribute("xsi:type", prefix + ":" + embedded.Class.Name + "_Type");
        var schema = embedded.Class.Properties;
        for (var i = 0; i < schema.Count; i++)
        {
            WriteProperty(writer, prefix + ":" + schema[i].Name, schema[i], embedded.GetValue(i), "cim:", depth);
        }
    }

    private static void WriteNumber(Utf8XmlWriter writer, ulong value)
    {
        Span<char> digits = stackalloc char[24];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        writer.AsciiText(digits[..written]);
    }

    private static void WriteNumber(Utf8XmlWriter writer, long value)
    {
        Span<char> digits = stackalloc char[24];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        writer.AsciiText(digits[..written]);
    }
}
