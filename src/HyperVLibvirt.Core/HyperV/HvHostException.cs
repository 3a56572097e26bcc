namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// A failure in Hyper-V terms rather than WS-Man terms: the host answered, but not as a
/// usable Hyper-V host would (no Hyper-V namespace, no OS information, and so on).
/// </summary>
public class HvHostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HvHostException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
