using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HyperVLibvirt.Core.Uris;

/// <summary>
/// A parsed libvirt Hyper-V connection URI:
/// <c>hyperv://[username@]hostname[:port]/[?name=value&amp;...]</c>.
/// </summary>
/// <remarks>
/// <para>Behaviour follows libvirt's Hyper-V driver, with these documented choices:</para>
/// <list type="bullet">
/// <item><description>The scheme <c>hyperv</c> is matched case-insensitively (RFC 3986 §3.1 makes
/// schemes case-insensitive; libvirt itself compares exactly). <c>HyperV://host</c> is accepted.</description></item>
/// <item><description><c>hyperv+&lt;x&gt;</c> fails with libvirt's historic text
/// <c>Transport '&lt;x&gt;' in URI scheme is not supported, try again without the transport part</c>.</description></item>
/// <item><description>Query parameter names match case-insensitively, values case-sensitively. libvirt's
/// <c>transport=http|https</c> is understood; a repeated <c>transport</c> is validated each time and
/// the last one wins. The module adds its own <c>auth=default|basic|negotiate|kerberos|ntlm</c> (values
/// case-insensitive), since libvirt speaks Basic only. Other parameters (including <c>authfile</c>) only add a warning.
/// <c>&amp;</c> and <c>;</c> both separate parameters; names and values are percent-decoded.</description></item>
/// <item><description>The path is ignored: the endpoint is always <c>/wsman</c>. A fragment is ignored with a warning.</description></item>
/// <item><description>A port must be 1–65535; an empty port (<c>host:</c>) means the default
/// (5986 for https, 5985 for http). libvirt would treat <c>:0</c> as "default"; we reject it as a likely typo.</description></item>
/// <item><description>A password in the user part (<c>user:pw@</c>) is rejected and never echoed (libvirt
/// ignores it); the text up to the last '@' counts as the user part even across '/', '?' or '#'.</description></item>
/// <item><description>IPv6 literals must be bracketed (<c>hyperv://[::1]/</c>); a zone id is written <c>%25</c>.</description></item>
/// </list>
/// </remarks>
public sealed class LibvirtUri : IEquatable<LibvirtUri>
{
    /// <summary>The URI scheme this driver answers to.</summary>
    public const string Scheme = "hyperv";

    /// <summary>WinRM's HTTPS port, the default when <c>transport</c> is https or absent.</summary>
    public const int DefaultHttpsPort = 5986;

    /// <summary>WinRM's HTTP port, the default for <c>transport=http</c>.</summary>
    public const int DefaultHttpPort = 5985;

    /// <summary>The URI shape, quoted in error messages.</summary>
    public const string Usage = "hyperv://[username@]hostname[:port]/[?transport=http|https][&auth=negotiate|kerberos|ntlm|basic]";

    private readonly bool _isIPv6;

    /// <summary>The module's own <c>auth</c> query parameter's values (libvirt has none; it speaks Basic only).</summary>
    public static readonly IReadOnlyList<string> AuthValues = ["default", "basic", "negotiate", "kerberos", "ntlm"];

    private LibvirtUri(string? userName, string host, bool isIPv6, int port, HvTransport transport, IReadOnlyList<string> warnings, string? auth = null)
    {
        Auth = auth;
        UserName = userName;
        Host = host;
        _isIPv6 = isIPv6;
        Port = port;
        Transport = transport;
        Warnings = warnings;
        // System.Uri has its own host rules; whatever it still refuses is an invalid URI, never a UriFormatException.
        if (!System.Uri.TryCreate(
                string.Create(CultureInfo.InvariantCulture, $"{(transport == HvTransport.Https ? "https" : "http")}://{HostForUri}:{port}/wsman"),
                UriKind.Absolute, out _))
        {
            throw new LibvirtUriException($"Invalid host name '{host}' in URI");
        }
    }

    /// <summary>
    /// The authentication named by the module's <c>auth</c> query parameter (one of <see cref="AuthValues"/>, lower case), or null.
    /// Not part of the connection's identity: the same host, port, transport and user is the same connection.
    /// </summary>
    public string? Auth { get; }

    /// <summary>The host name or address, without IPv6 brackets.</summary>
    public string Host { get; }

    /// <summary>The TCP port: the URI's, or the transport's default.</summary>
    public int Port { get; }

    /// <summary>The transport from the <c>transport</c> parameter (default https).</summary>
    public HvTransport Transport { get; }

    /// <summary>The percent-decoded user name (<c>DOMAIN%5Cuser</c> gives <c>DOMAIN\user</c>), or null when the URI has none.</summary>
    public string? UserName { get; }

    /// <summary>Non-fatal remarks, such as ignored query parameters, in libvirt's wording.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The WS-Man endpoint, <c>http(s)://host:port/wsman</c> (IPv6 hosts bracketed), built from <see cref="Host"/> and <see cref="Port"/>.</summary>
    public System.Uri Endpoint =>
        new(string.Create(CultureInfo.InvariantCulture, $"{(Transport == HvTransport.Https ? "https" : "http")}://{HostForUri}:{Port}/wsman"));

    /// <summary>True for https, as libvirt's connectIsEncrypted and connectIsSecure report.</summary>
    public bool IsEncrypted => Transport == HvTransport.Https;

    /// <summary>True when <see cref="Port"/> is the default for <see cref="Transport"/>.</summary>
    public bool IsDefaultPort => Port == DefaultPortFor(Transport);

    private string HostForUri => _isIPv6 ? "[" + Host.Replace("%", "%25", StringComparison.Ordinal) + "]" : Host;

    /// <summary>The default port for a transport: 5986 for https, 5985 for http.</summary>
    public static int DefaultPortFor(HvTransport transport) =>
        transport == HvTransport.Https ? DefaultHttpsPort : DefaultHttpPort;

    /// <summary>Parses a <c>hyperv://</c> URI.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="uri"/> is null.</exception>
    /// <exception cref="LibvirtUriException">The URI is not usable; the message says why.</exception>
    public static LibvirtUri Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return ParseCore(uri);
    }

    /// <summary>Parses a <c>hyperv://</c> URI without throwing.</summary>
    /// <returns>True and the result when valid; false (and null) otherwise.</returns>
    public static bool TryParse([NotNullWhen(true)] string? uri, [NotNullWhen(true)] out LibvirtUri? result)
    {
        result = null;
        if (uri is null)
        {
            return false;
        }
        try
        {
            result = ParseCore(uri);
            return true;
        }
        catch (LibvirtUriException)
        {
            return false;
        }
    }

    /// <summary>
    /// The canonical form: lower-case scheme, percent-encoded user, bracketed IPv6 host, the port only
    /// when not the default, and <c>?transport=http</c> only for http. Ignored parameters are dropped.
    /// Parsing it again gives an equal <see cref="LibvirtUri"/>.
    /// </summary>
    public override string ToString()
    {
        var user = UserName is null ? string.Empty : System.Uri.EscapeDataString(UserName) + "@";
        var port = IsDefaultPort ? string.Empty : ":" + Port.ToString(CultureInfo.InvariantCulture);
        var query = Transport == HvTransport.Http ? "?transport=http" : string.Empty;
        if (Auth is not null)
        {
            query += (query.Length == 0 ? "?" : "&") + "auth=" + Auth;
        }
        return $"{Scheme}://{user}{HostForUri}{port}/{query}";
    }

    /// <summary>Same host (case-insensitive), port, transport and user name (case-sensitive).</summary>
    public bool Equals(LibvirtUri? other) =>
        other is not null
        && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
        && Port == other.Port
        && Transport == other.Transport
        && string.Equals(UserName, other.UserName, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LibvirtUri);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Host), Port, Transport, UserName);

    private static LibvirtUri ParseCore(string uri)
    {
        var text = uri.Trim();
        var warnings = new List<string>();

        // Scheme. The input is never echoed whole: it could hold a password.
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0 || !IsSchemeSyntax(text.AsSpan(0, schemeEnd)))
        {
            throw new LibvirtUriException($"Invalid connection URI: expected {Usage}");
        }
        var scheme = text[..schemeEnd];
        if (!scheme.Equals(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            if (scheme.StartsWith(Scheme + "+", StringComparison.OrdinalIgnoreCase))
            {
                throw new LibvirtUriException(
                    $"Transport '{scheme[(Scheme.Length + 1)..]}' in URI scheme is not supported, try again without the transport part");
            }
            throw new LibvirtUriException($"Unsupported URI scheme '{scheme}': use {Usage}");
        }

        var rest = text[(schemeEnd + 3)..];
        RejectPassword(rest);
        var hashAt = rest.IndexOf('#');
        if (hashAt >= 0)
        {
            warnings.Add($"Ignoring URI fragment '{rest[hashAt..]}'");
            rest = rest[..hashAt];
        }

        var authorityEnd = rest.IndexOfAny(['/', '?']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var afterAuthority = authorityEnd < 0 ? string.Empty : rest[authorityEnd..];
        var queryAt = afterAuthority.IndexOf('?');
        var query = queryAt < 0 ? string.Empty : afterAuthority[(queryAt + 1)..];

        // The last '@' ends the user part, so an unescaped UPN (user@corp.example@host) still works.
        var userName = default(string);
        var hostPort = authority;
        var atSign = authority.LastIndexOf('@');
        if (atSign >= 0)
        {
            userName = ParseUserName(authority[..atSign]);
            hostPort = authority[(atSign + 1)..];
        }

        var (host, isIPv6, portText) = SplitHostPort(hostPort);
        var (transport, auth) = ParseQuery(query, warnings);
        var port = portText is null or "" ? DefaultPortFor(transport) : ParsePort(portText);

        return new LibvirtUri(userName, host, isIPv6, port, transport, warnings, auth);
    }

    private static bool IsSchemeSyntax(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }
        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Refuses a password in the user part before anything else reads the text. A password may hold
    /// '/', '?' or '#', so the user part is judged on the raw text up to the last '@': splitting first
    /// would turn the password's tail into a port, path or fragment that an error or warning echoes.
    /// (A '@' in an ignored query parameter after a port is refused too: a safe misreading.)
    /// </summary>
    private static void RejectPassword(string afterScheme)
    {
        var lastAt = afterScheme.LastIndexOf('@');
        if (lastAt >= 0 && afterScheme.AsSpan(0, lastAt).Contains(':'))
        {
            throw new LibvirtUriException(
                "The URI must not contain a password: remove ':<password>' from the user part and supply the password separately");
        }
    }

    private static string? ParseUserName(string userInfo)
    {
        if (userInfo.Length == 0)
        {
            return null;
        }
        if (!PercentDecoding.TryDecode(userInfo, out var decoded))
        {
            throw new LibvirtUriException("Invalid percent-encoding in the URI's user name");
        }
        return decoded;
    }

    private static (string Host, bool IsIPv6, string? PortText) SplitHostPort(string hostPort)
    {
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0)
            {
                throw new LibvirtUriException("Invalid IPv6 address in URI: missing ']'");
            }
            var literal = hostPort[1..close];
            var after = hostPort[(close + 1)..];
            if (after.Length > 0 && after[0] != ':')
            {
                throw new LibvirtUriException($"Unexpected text '{after}' after the IPv6 address in URI");
            }
            if (literal.Length == 0)
            {
                throw new LibvirtUriException("URI is missing the server part");
            }
            var address = literal.Replace("%25", "%", StringComparison.Ordinal);
            if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw new LibvirtUriException($"Invalid IPv6 address '[{literal}]' in URI");
            }
            return (address, true, after.Length > 0 ? after[1..] : null);
        }

        var colon = hostPort.IndexOf(':');
        if (colon >= 0 && hostPort.IndexOf(':', colon + 1) >= 0)
        {
            throw new LibvirtUriException(
                $"Invalid host '{hostPort}' in URI: enclose an IPv6 address in brackets, e.g. hyperv://[{hostPort}]/");
        }
        var host = colon < 0 ? hostPort : hostPort[..colon];
        if (host.Length == 0)
        {
            throw new LibvirtUriException("URI is missing the server part");
        }
        foreach (var c in host)
        {
            // Letters and digits include internationalised names; '_' appears in real NetBIOS-style names.
            if (!char.IsLetterOrDigit(c) && c is not ('-' or '.' or '_'))
            {
                throw new LibvirtUriException($"Invalid host name '{host}' in URI");
            }
        }
        if (!HasValidLabels(host))
        {
            throw new LibvirtUriException(
                $"Invalid host name '{host}' in URI: each dot-separated part must have 1 to 63 characters, and the name at most 253 (RFC 1035)");
        }
        return (host, false, colon < 0 ? null : hostPort[(colon + 1)..]);
    }

    /// <summary>
    /// RFC 1035 §2.3.4 (and RFC 1123 §2.1): labels of 1 to 63 characters, at most 253 in all, an optional
    /// final dot (a fully qualified name). Without this check <c>a..b</c> or <c>.</c> passed here and then
    /// failed in System.Uri with a UriFormatException.
    /// </summary>
    private static bool HasValidLabels(string host)
    {
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (name.Length is 0 or > 253)
        {
            return false;
        }
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                return false;
            }
        }
        return true;
    }

    private static int ParsePort(string portText)
    {
        var allDigits = portText.Length <= 5 && portText.All(char.IsAsciiDigit);
        if (!allDigits || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new LibvirtUriException($"Invalid port '{portText}' in URI: expected a number from 1 to 65535");
        }
        return port;
    }

    private static (HvTransport Transport, string? Auth) ParseQuery(string query, List<string> warnings)
    {
        var transport = HvTransport.Https;
        string? auth = null;
        foreach (var pair in query.Split(['&', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var rawName = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? string.Empty : pair[(equals + 1)..];
            if (!PercentDecoding.TryDecode(rawName, out var name) || !PercentDecoding.TryDecode(rawValue, out var value))
            {
                throw new LibvirtUriException($"Invalid percent-encoding in URI query parameter '{rawName}'");
            }

            if (name.Equals("auth", StringComparison.OrdinalIgnoreCase))
            {
                // Ours, not libvirt's: how to authenticate, for URIs kept in runbooks and configuration.
                auth = AuthValues.FirstOrDefault(v => v.Equals(value, StringComparison.OrdinalIgnoreCase))
                    ?? throw new LibvirtUriException(
                        $"Query parameter 'auth' has unexpected value '{value}' (should be {string.Join("|", AuthValues)})");
                continue;
            }
            if (!name.Equals("transport", StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"Ignoring unexpected query parameter '{name}'");
                continue;
            }
            transport = value switch
            {
                "https" => HvTransport.Https,
                "http" => HvTransport.Http,
                _ => throw new LibvirtUriException(
                    $"Query parameter 'transport' has unexpected value '{value}' (should be http|https)"),
            };
        }
        return (transport, auth);
    }
}
