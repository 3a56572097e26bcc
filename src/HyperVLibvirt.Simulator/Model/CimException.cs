namespace HyperVLibvirt.Simulator.Model;

/// <summary>What went wrong in the model; the wire turns each kind into WinRM's fault.</summary>
public enum CimErrorKind
{
    /// <summary>The namespace does not exist on this host profile (wire: n:CannotProcessFilter or a:DestinationUnreachable).</summary>
    InvalidNamespace,
    /// <summary>The class does not exist in the namespace (wire: n:CannotProcessFilter for WQL, a:DestinationUnreachable for a class URI).</summary>
    InvalidClass,
    /// <summary>The WQL text is not valid (wire: n:CannotProcessFilter).</summary>
    InvalidQuery,
    /// <summary>No instance matches the selectors (wire: a:DestinationUnreachable).</summary>
    NotFound,
    /// <summary>Selectors missing, unknown or not naming one instance (wire: w:InvalidSelectors; Detail names the fault detail, e.g. InsufficientSelectors).</summary>
    InvalidSelectors,
    /// <summary>No such method on the class (wire: a:ActionNotSupported).</summary>
    InvalidMethod,
    /// <summary>A bad method parameter (wire: w:InvalidParameter).</summary>
    InvalidParameter,
}

/// <summary>A model failure carrying what the wire needs to build the fault.</summary>
public sealed class CimException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CimException(CimErrorKind kind, string message, string? detail = null) : base(message)
    {
        Kind = kind;
        Detail = detail;
    }

    /// <summary>The kind of failure.</summary>
    public CimErrorKind Kind { get; }

    /// <summary>A fault-detail name (e.g. <c>InsufficientSelectors</c>, <c>UnexpectedSelectors</c>, <c>InvalidValue</c>), when one applies.</summary>
    public string? Detail { get; }
}
