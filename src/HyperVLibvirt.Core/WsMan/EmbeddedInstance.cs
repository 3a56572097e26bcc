using System.Globalization;
using System.Text;
using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// A CIM instance passed as a method parameter that carries the EmbeddedInstance qualifier, such as
/// <c>ModifyResourceSettings.ResourceSettings[]</c> or <c>ModifySystemSettings.SystemSettings</c> of
/// Msvm_VirtualSystemManagementService. Hyper-V takes such a parameter as a CIM-XML string (DMTF DSP0201
/// <c>INSTANCE</c>), not as a WS-CIM element tree, which WinRM refuses with <c>w:SchemaValidationError</c>;
/// libvirt's <c>hypervSerializeEmbeddedParam</c> (src/hyperv/hyperv_wmi.c) sends the same text in a CDATA section.
/// </summary>
/// <remarks>Only the properties added are written, in the order added: Hyper-V leaves the others as they are.</remarks>
public sealed class EmbeddedInstance
{
    private static readonly XmlWriterSettings TextSettings = new()
    {
        OmitXmlDeclaration = true,
        Indent = false,
        ConformanceLevel = ConformanceLevel.Fragment,
        NewLineHandling = NewLineHandling.Entitize,
    };

    private readonly List<EmbeddedProperty> _properties = [];

    /// <summary>Creates an empty instance of <paramref name="className"/> (for example <c>Msvm_MemorySettingData</c>).</summary>
    public EmbeddedInstance(string className)
    {
        ArgumentException.ThrowIfNullOrEmpty(className);
        ClassName = className;
    }

    /// <summary>The CIM class name, written as <c>CLASSNAME</c>.</summary>
    public string ClassName { get; }

    /// <summary>The properties in the order they were added.</summary>
    public IReadOnlyList<EmbeddedProperty> Properties => _properties;

    /// <summary>Adds a string property (CIM type <c>string</c>).</summary>
    public EmbeddedInstance Add(string name, string value) => AddProperty(name, "string", [value], isArray: false);

    /// <summary>Adds an unsigned 64-bit property (CIM type <c>uint64</c>), as memory quantities are.</summary>
    public EmbeddedInstance Add(string name, ulong value) =>
        AddProperty(name, "uint64", [value.ToString(CultureInfo.InvariantCulture)], isArray: false);

    /// <summary>Adds an unsigned 16-bit property (CIM type <c>uint16</c>), as value maps such as AutomaticStartupAction are.</summary>
    public EmbeddedInstance Add(string name, ushort value) =>
        AddProperty(name, "uint16", [value.ToString(CultureInfo.InvariantCulture)], isArray: false);

    /// <summary>Adds a boolean property (CIM type <c>boolean</c>), written <c>true</c>/<c>false</c>.</summary>
    public EmbeddedInstance Add(string name, bool value) => AddProperty(name, "boolean", [value ? "true" : "false"], isArray: false);

    /// <summary>Adds a string array property (<c>PROPERTY.ARRAY</c> with a <c>VALUE.ARRAY</c>).</summary>
    public EmbeddedInstance Add(string name, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return AddProperty(name, "string", values, isArray: true);
    }

    private EmbeddedInstance AddProperty(string name, string cimType, IReadOnlyList<string> values, bool isArray)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var value in values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
        }
        if (_properties.Exists(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"The property {name} is already set on this {ClassName} instance.", nameof(name));
        }
        _properties.Add(new EmbeddedProperty(name, cimType, values, isArray));
        return this;
    }

    /// <summary>
    /// The DSP0201 text: <c>&lt;INSTANCE CLASSNAME="…"&gt;&lt;PROPERTY NAME="…" TYPE="…"&gt;&lt;VALUE&gt;…&lt;/VALUE&gt;&lt;/PROPERTY&gt;…&lt;/INSTANCE&gt;</c>,
    /// values XML-escaped.
    /// </summary>
    public string ToCimXml()
    {
        var text = new StringBuilder(128 + (_properties.Count * 64));
        using (var w = XmlWriter.Create(text, TextSettings))
        {
            w.WriteStartElement("INSTANCE");
            w.WriteAttributeString("CLASSNAME", ClassName);
            foreach (var p in _properties)
            {
                w.WriteStartElement(p.IsArray ? "PROPERTY.ARRAY" : "PROPERTY");
                w.WriteAttributeString("NAME", p.Name);
                w.WriteAttributeString("TYPE", p.CimType);
                if (p.IsArray)
                {
                    w.WriteStartElement("VALUE.ARRAY");
                }
                foreach (var value in p.Values)
                {
                    w.WriteElementString("VALUE", value);
                }
                if (p.IsArray)
                {
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToCimXml();
}
