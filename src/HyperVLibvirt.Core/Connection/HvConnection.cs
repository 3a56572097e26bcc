using System.Net;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Connection;

/// <summary>
/// A session with one Hyper-V host: the parsed URI, one WS-Man client (one HttpClient, kept alive), and the
/// host facts read when it was opened. Opening makes real round trips, so a bad host, password or certificate
/// fails at connect time, not later. It knows nothing of listing or lifecycle: services take a session.
/// </summary>
/// <remarks>
/// Its public properties are plain values (names, not enum numbers), so that Export-Csv and ConvertTo-Json
/// give flat data; the settings and the parsed URI are reached through methods.
/// </remarks>
public sealed class HvConnection : IDisposable
{
    private readonly LibvirtUri _uri;
    private readonly WsManSettings _settings;
    private readonly WsManClient _client;
    private int _closed;

    private HvConnection(LibvirtUri uri, string userName, WsManClient client, WsManSettings settings)
    {
        _uri = uri;
        _settings = settings;
        UserName = userName;
        _client = client;
        ConnectedAt = DateTimeOffset.Now;
    }

    /// <summary>The user name shown for a session authenticated from the Kerberos ticket cache.</summary>
    public const string TicketCacheUser = "(Kerberos ticket cache)";

    /// <summary>This session's identity, which the domains read through it carry.</summary>
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The connection URI, canonical and without any secret.</summary>
    public string Uri => _uri.ToString();

    /// <summary>The host name or address from the URI.</summary>
    public string ComputerName => _uri.Host;

    /// <summary>The TCP port (5986 for https, 5985 for http unless the URI says otherwise).</summary>
    public int Port => _uri.Port;

    /// <summary><c>Http</c> or <c>Https</c>.</summary>
    public string Transport => _uri.Transport.ToString();

    /// <summary>What protects the traffic, as true for the transport (HTTP: no TLS; HTTPS: verified, pinned, or which checks are skipped).</summary>
    public string Security => _settings.DescribeSecurity(_uri.IsEncrypted, _client.AuthenticationInUse, _client.EncryptsMessages);

    /// <summary>The authentication in use: <c>Basic</c>, <c>Kerberos</c> or <c>NTLM</c> (what Negotiate chose), or <c>Negotiate</c>.</summary>
    public string? Authentication => _client.AuthenticationInUse;

    /// <summary>Whether WinRM message encryption seals every message (MS-WSMV 2.2.9.1).</summary>
    public bool MessageEncrypted => _client.EncryptsMessages;

    /// <summary>The WS-Man operation timeout, in seconds.</summary>
    public int OperationTimeoutSec => (int)_settings.OperationTimeout.TotalSeconds;

    /// <summary>The user name sent to the host. The password is never kept where it can be shown.</summary>
    public string UserName { get; }

    /// <summary>The Hyper-V WMI API the host speaks (found by probing v2, then v1): <c>V2</c> or <c>V1</c>.</summary>
    public string Api => WmiApi.ToString();

    /// <summary>The Hyper-V WMI namespace, e.g. <c>root/virtualization/v2</c>.</summary>
    public string Namespace => WmiNamespace.Of(WmiApi);

    /// <summary>The host's own name for itself (<c>Win32_OperatingSystem.CSName</c>).</summary>
    public string? HostName { get; private set; }

    /// <summary>The Windows version string the host reported at connect time.</summary>
    public string OsVersion { get; private set; } = string.Empty;

    /// <summary>The OS caption the host reported at connect time (localized by the host).</summary>
    public string? OsCaption { get; private set; }

    /// <summary>When the connection was opened.</summary>
    public DateTimeOffset ConnectedAt { get; }

    /// <summary>False once the connection has been closed.</summary>
    public bool IsConnected => Volatile.Read(ref _closed) == 0;

    /// <summary>Whether cmdlets use this connection when given none; maintained by the module's connection list.</summary>
    public bool IsDefault { get; set; }

    /// <summary>The Hyper-V WMI API, typed.</summary>
    internal WmiApi WmiApi { get; private set; }

    /// <summary>The WS-Man client; one per session. Throws once the session is closed.</summary>
    internal WsManClient Client
    {
        get
        {
            ThrowIfClosed();
            return _client;
        }
    }

    /// <summary>The parsed URI.</summary>
    public LibvirtUri GetUri() => _uri;

    /// <summary>The settings the session was opened with.</summary>
    public WsManSettings GetSettings() => _settings;

    /// <summary>
    /// Opens a session: Identify (checks reachability, TLS and credentials), then the Hyper-V namespace probe
    /// (v2 first, then v1, as libvirt before 6.10 did), then the OS facts.
    /// </summary>
    /// <param name="uri">The host's libvirt URI.</param>
    /// <param name="credential">The user and password; null for the user's own Kerberos ticket cache (Kerberos or Negotiate only).</param>
    /// <param name="settings">Authentication, TLS, timeouts and paging.</param>
    /// <param name="trace">Hears about each WS-Man call; null for none.</param>
    /// <param name="cancellationToken">Stops the connect at once.</param>
    public static async Task<HvConnection> OpenAsync(LibvirtUri uri, NetworkCredential? credential, WsManSettings settings, IWsManTrace? trace,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(settings);
        if (credential is null && settings.Authentication is not (AuthenticationMechanism.Kerberos or AuthenticationMechanism.Negotiate))
        {
            throw new ArgumentException("Without a credential only Kerberos or Negotiate can authenticate (from the ticket cache).", nameof(credential));
        }

        var userName = credential is null ? TicketCacheUser
            : string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName;
        var client = new WsManClient(uri.Endpoint, credential, settings);
        var connection = new HvConnection(uri, userName, client, settings);
        try
        {
            // A Negotiate, Kerberos or NTLM handshake proves the credentials by itself; Basic needs a request, and Identify is the
            // cheapest one (it also tells a host that is no WinRM endpoint).
            if (!await client.AuthenticateAsync(cancellationToken).ConfigureAwait(false))
            {
                await client.IdentifyAsync(unauthenticated: false, trace, cancellationToken).ConfigureAwait(false);
            }
            // Identify alone settles authentication and TLS (and gives their errors). After it, the namespace probe and
            // the OS read need nothing from each other: sent together they cost one round trip, not two. Not so where
            // a connection is authenticated (Negotiate, Kerberos, NTLM): a second one costs a handshake, more than it saves.
            var parallel = client.AuthenticationInUse is null or "Basic";
            var probing = ProbeApiAsync(client, uri, trace, cancellationToken);
            if (!parallel)
            {
                await probing.ConfigureAwait(false);
            }
            var reading = connection.ReadOperatingSystemAsync(trace, cancellationToken);
            try
            {
                await Task.WhenAll(probing, reading).ConfigureAwait(false);
            }
            catch (Exception) when (!probing.IsCompletedSuccessfully)
            {
                // The probe's failure comes first, as when it ran alone first: a host without Hyper-V is told as such.
                await probing.ConfigureAwait(false);
                throw;
            }
            connection.WmiApi = probing.Result;
            var os = reading.Result;
            connection.OsVersion = os.GetString("Version") ?? string.Empty;
            connection.OsCaption = os.GetString("Caption");
            connection.HostName = os.GetString("CSName");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the host's version afresh (<c>SELECT * FROM Win32_OperatingSystem</c>) and packs it as libvirt's
    /// hypervConnectGetVersion does. Throws <see cref="PackedVersionException"/> with libvirt's texts when the
    /// host reports something unpackable.
    /// </summary>
    public async Task<HvVersion> GetVersionAsync(IWsManTrace? trace, CancellationToken cancellationToken)
    {
        var os = await ReadOperatingSystemAsync(trace, cancellationToken).ConfigureAwait(false);
        var version = os.GetString("Version") ?? string.Empty;
        return new HvVersion(ComputerName, PackedVersion.Parse(version), os.GetString("Caption"));
    }

    /// <summary>
    /// Runs a WQL query in a namespace (default: the host's Hyper-V namespace) and streams the instances as they
    /// arrive.
    /// </summary>
    public IAsyncEnumerable<CimObject> QueryAsync(string wql, string? wmiNamespace, IWsManTrace? trace, CancellationToken cancellationToken) =>
        Client.EnumerateAsync(WmiNamespace.AllClassesUri(wmiNamespace ?? Namespace), wql, trace, cancellationToken);

    /// <summary>Throws <see cref="HvConnectionClosedException"/> once the session is closed.</summary>
    public void ThrowIfClosed()
    {
        if (!IsConnected)
        {
            throw new HvConnectionClosedException(Uri);
        }
    }

    /// <summary>Closes the session and its HTTP connections. Safe to call twice.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _client.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => Uri;

    private async Task<CimObject> ReadOperatingSystemAsync(IWsManTrace? trace, CancellationToken cancellationToken)
    {
        await foreach (var os in QueryAsync("SELECT * FROM Win32_OperatingSystem", WmiNamespace.CimV2, trace, cancellationToken).ConfigureAwait(false))
        {
            return os;
        }
        // libvirt's text for the same situation.
        throw new HvHostException($"Could not get version information for host {ComputerName}");
    }

    private static async Task<WmiApi> ProbeApiAsync(WsManClient client, LibvirtUri uri, IWsManTrace? trace, CancellationToken cancellationToken)
    {
        // Name = __SERVER picks the host's own instance whatever the host's language; a fault
        // (CannotProcessFilter: no such namespace) on v2 means an older host.
        const string probe = "SELECT * FROM Msvm_ComputerSystem WHERE Name = __SERVER";
        WsManFaultException? v2Failure;
        try
        {
            await DrainAsync(client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V2), probe, trace, cancellationToken)).ConfigureAwait(false);
            return WmiApi.V2;
        }
        catch (WsManFaultException fault) when (IsMissingNamespace(fault))
        {
            v2Failure = fault;
        }
        try
        {
            await DrainAsync(client.EnumerateAsync(WmiNamespace.AllClassesUri(WmiNamespace.V1), probe, trace, cancellationToken)).ConfigureAwait(false);
            return WmiApi.V1;
        }
        catch (WsManFaultException fault) when (IsMissingNamespace(fault))
        {
            throw new HvHostException(
                $"{uri.Host} answers WS-Management but has no Hyper-V WMI namespace (neither root/virtualization/v2 nor root/virtualization). " +
                "Is the Hyper-V role installed on it?", v2Failure);
        }
    }

    private static bool IsMissingNamespace(WsManFaultException fault) =>
        fault.WsManCode is WsManFaultException.CodeCannotProcessFilter or WsManFaultException.CodeDestinationUnreachable
        || fault.Subcode is "n:CannotProcessFilter" or "a:DestinationUnreachable";

    private static async Task DrainAsync(IAsyncEnumerable<CimObject> items)
    {
        await foreach (var _ in items.ConfigureAwait(false))
        {
            // Only success matters; the first item is enough, and stopping releases the rest.
            return;
        }
    }
}
