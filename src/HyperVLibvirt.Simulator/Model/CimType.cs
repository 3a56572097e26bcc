namespace HyperVLibvirt.Simulator.Model;

/// <summary>CIM property types, as the class schemas declare them.</summary>
public enum CimType
{
    /// <summary>string</summary>
    String,
    /// <summary>boolean</summary>
    Boolean,
    /// <summary>uint8</summary>
    UInt8,
    /// <summary>sint8</summary>
    SInt8,
    /// <summary>uint16</summary>
    UInt16,
    /// <summary>sint16</summary>
    SInt16,
    /// <summary>uint32</summary>
    UInt32,
    /// <summary>sint32</summary>
    SInt32,
    /// <summary>uint64</summary>
    UInt64,
    /// <summary>sint64</summary>
    SInt64,
    /// <summary>real32</summary>
    Real32,
    /// <summary>real64</summary>
    Real64,
    /// <summary>char16</summary>
    Char16,
    /// <summary>datetime: a timestamp (DateTimeOffset) or an interval (TimeSpan).</summary>
    DateTime,
    /// <summary>A reference to another instance.</summary>
    Reference,
    /// <summary>An embedded instance.</summary>
    Object,
}
