using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// A failure in Hyper-V terms rather than WS-Man terms: the host answered, but not as a
/// usable Hyper-V host would (no Hyper-V namespace, no OS information, and so on).
/// </summary>
public class HvHostException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <remarks>Messages quote host text (names, job errors): they are neutralised for display (<see cref="DisplayText"/>).</remarks>
    public HvHostException(string message, Exception? innerException = null) : base(DisplayText.Neutralize(message), innerException)
    {
    }
}
