namespace HyperVLibvirt.Core.Devices;

/// <summary>Device XML that the Hyper-V driver cannot honour, or that is not device XML; the message names the element.</summary>
public sealed class DeviceXmlException : Exception
{
    /// <summary>Creates the exception for <paramref name="element"/> (for example <c>&lt;disk type='network'&gt;</c>).</summary>
    public DeviceXmlException(string element, string message)
        : base($"Unsupported device XML at {element}: {message}")
    {
        Element = element;
    }

    /// <summary>Creates the exception for XML that could not be read at all.</summary>
    public DeviceXmlException(string message, Exception inner)
        : base(message, inner)
    {
        Element = string.Empty;
    }

    /// <summary>The element at fault, as written in the message.</summary>
    public string Element { get; }
}
