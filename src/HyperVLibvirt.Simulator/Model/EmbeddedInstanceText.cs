using System.Xml;
using System.Xml.Linq;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// An embedded-instance method parameter as Hyper-V receives it: a CIM-XML (DMTF DSP0201) <c>INSTANCE</c>
/// string, sent XML-escaped or in CDATA (libvirt's <c>hypervSerializeEmbeddedParam</c> in src/hyperv/hyperv_wmi.c).
/// Holds the class name and the properties given, as text (<c>VALUE</c>), a list (<c>VALUE.ARRAY</c>) or null
/// (<c>VALUE.NULL</c> or no value).
/// </summary>
internal sealed class EmbeddedInstanceText
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 1 << 20,
    };

    private EmbeddedInstanceText(string className, IReadOnlyDictionary<string, object?> properties)
    {
        ClassName = className;
        Properties = properties;
    }

    /// <summary>The <c>CLASSNAME</c> attribute.</summary>
    public string ClassName { get; }

    /// <summary>The properties by name (case-insensitive, as WMI names are): string, <c>IReadOnlyList&lt;string&gt;</c> or null.</summary>
    public IReadOnlyDictionary<string, object?> Properties { get; }

    /// <summary>A property's text, or null when it is absent or null.</summary>
    public string? Text(string name) => Properties.TryGetValue(name, out var value) ? value as string : null;

    /// <summary>
    /// Reads the parameter text. Anything that is not one well-formed <c>INSTANCE</c> element with a class name is a
    /// <see cref="CimException"/> (InvalidParameter), the w:InvalidParameter fault WinRM gives for a value it cannot convert.
    /// </summary>
    public static EmbeddedInstanceText Parse(string parameterName, object? value)
    {
        if (value is not string text || text.Trim().Length == 0)
        {
            throw Invalid(parameterName, "it is empty or not a single string");
        }

        XElement root;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), ReaderSettings);
            root = XElement.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            throw Invalid(parameterName, "it is not well-formed CIM-XML (" + ex.Message + ")");
        }

        if (root.Name.LocalName != "INSTANCE" || root.Name.Namespace != XNamespace.None
            || ((string?)root.Attribute("CLASSNAME"))?.Trim() is not { Length: > 0 } className)
        {
            throw Invalid(parameterName, "its root element is not <INSTANCE CLASSNAME=\"...\">");
        }

        var properties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.Elements())
        {
            if (property.Name.LocalName is not ("PROPERTY" or "PROPERTY.ARRAY")
                || ((string?)property.Attribute("NAME"))?.Trim() is not { Length: > 0 } name)
            {
                throw Invalid(parameterName, $"<{property.Name.LocalName}> is not a PROPERTY or PROPERTY.ARRAY with a NAME");
            }

            if (!properties.TryAdd(name, ReadValue(property)))
            {
                throw Invalid(parameterName, $"the property {name} is given twice");
            }
        }

        return new EmbeddedInstanceText(className, properties);
    }

    private static object? ReadValue(XElement property)
    {
        if (property.Element("VALUE.ARRAY") is { } array)
        {
            return array.Elements("VALUE").Select(v => v.Value).ToArray();
        }

        return property.Element("VALUE")?.Value;
    }

    private static CimException Invalid(string parameterName, string why) =>
        new(CimErrorKind.InvalidParameter, $"The embedded instance in parameter '{parameterName}' cannot be read: {why}.", "InvalidValue");
}
