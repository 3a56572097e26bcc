namespace HyperVLibvirt.Core.WsMan;

/// <summary>One property of an <see cref="EmbeddedInstance"/>: its name, DSP0201 type name and value(s).</summary>
public sealed record EmbeddedProperty(string Name, string CimType, IReadOnlyList<string> Values, bool IsArray);
