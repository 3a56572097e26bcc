using HyperVLibvirt.Core.Connection;

namespace HyperVLibvirt.Commands;

/// <summary>
/// A copy of URI text that is safe to attach to an error record: a password in the user part
/// (<c>user:password@</c>) becomes <c>user:***@</c>. Used only for text that failed to parse,
/// since a parsed <see cref="HyperVLibvirt.Core.Uris.LibvirtUri"/> never holds a password.
/// </summary>
internal static class UriRedaction
{
    private const string Mask = "***";

    /// <summary>The text with anything between the user's ':' and the last '@' masked.</summary>
    public static string Redact(string text)
    {
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        // The last '@' ends the user part; a password may hold '/', '?' or '#' (as LibvirtUri judges it).
        var lastAt = text.LastIndexOf('@');
        if (lastAt < start)
        {
            return text;
        }
        var colon = text.IndexOf(':', start, lastAt - start);
        return colon < 0 ? text : string.Concat(text.AsSpan(0, colon + 1), Mask, text.AsSpan(lastAt));
    }
}
