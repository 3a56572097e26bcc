using System.Xml;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// A response went past a bound the reader keeps against hostile servers (nesting depth, the size of one
/// value); turned into <see cref="WsManProtocolException"/> by the client. The message completes
/// "The &lt;operation&gt; response from &lt;host:port&gt; …".
/// </summary>
internal sealed class ResponseLimitException : Exception
{
    /// <summary>
    /// Elements nested deeper than this are refused. WinRM's deepest answers (a fault's provider fault holding
    /// a WMI __ExtendedStatus, an embedded object in an instance in a page) stay within about 15 levels; the
    /// readers recurse per level, so an unbounded depth would overflow the stack and kill the process.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The longest text value read, in characters (1 Mi chars, 2 MiB of memory). The longest Msvm_* values
    /// (descriptions, notes, a job's error text) are a few KiB; a VM name is at most a few hundred characters.
    /// </summary>
    public const int MaxValueChars = 1024 * 1024;

    public ResponseLimitException(string message) : base(message)
    {
    }

    /// <summary>Throws when the reader's current element is deeper than <see cref="MaxDepth"/>.</summary>
    public static void ThrowIfTooDeep(XmlReader r)
    {
        if (r.Depth > MaxDepth)
        {
            throw new ResponseLimitException(
                $"has elements nested more than {MaxDepth} levels deep (at <{r.Name}>), which WinRM never sends. The endpoint is not a genuine WinRM service or something in between altered the response.");
        }
    }

    /// <summary>Throws when a value would grow past <paramref name="limit"/> characters (<see cref="MaxValueChars"/> unless a call raised it).</summary>
    public static void ThrowIfTooLong(long length, int limit = MaxValueChars)
    {
        if (length > limit)
        {
            throw new ResponseLimitException(
                $"has a value longer than {limit} characters, far beyond any WMI property WinRM sends. The endpoint is not a genuine WinRM service or something in between altered the response.");
        }
    }
}
