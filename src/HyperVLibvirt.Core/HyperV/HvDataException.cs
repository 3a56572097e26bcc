namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// A WMI object from the host did not have the shape the driver relies on (for example a VM whose
/// <c>Name</c> is not a GUID). Messages use libvirt's text where libvirt has one.
/// Derives from <see cref="HvHostException"/> so callers that map Hyper-V failures catch it too.
/// </summary>
public sealed class HvDataException : HvHostException
{
    /// <summary>Creates the exception.</summary>
    public HvDataException(string message)
        : base(message)
    {
    }
}
