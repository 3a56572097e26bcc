using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt;

/// <summary>
/// An open connection to one Hyper-V host: the parsed URI, one WS-Man client (one
/// HttpClient, kept alive), and what the host told us when we connected. Opening makes real
/// round trips, so a bad host, password or certificate fails at connect time, not later.
/// </summary>
public sealed partial class HvConnection : IDisposable
{
    // Trace events arrive on thread-pool threads; each caller (a cmdlet) listens for the events
    // of its own calls only, which an AsyncLocal gives without any shared mutable sink.
    private static readonly AsyncLocal<Action<WsManTraceEvent>?> s_traceListener = new();
    private static readonly AsyncLocal<bool> s_traceEnvelopes = new();

    private readonly LibvirtUri _uri;
    private int _disposed;

    private HvConnection(LibvirtUri uri, string userName, WsManClient client, HvConnectionSettings settings)
    {
        _uri = uri;
        UserName = userName;
        Client = client;
        Settings = settings;
        ConnectedAt = DateTimeOffset.Now;
    }

    /// <summary>The connection URI, canonical and without any secret.</summary>
    public string Uri => _uri.ToString();

    /// <summary>The host name or address from the URI.</summary>
    public string ComputerName => _uri.Host;

    /// <summary>The TCP port (5986 for https, 5985 for http unless the URI says otherwise).</summary>
    public int Port => _uri.Port;

    /// <summary>http or https.</summary>
    public HvTransport Transport => _uri.Transport;

    /// <summary>The user name sent to the host. The password is never kept where it can be shown.</summary>
    public string UserName { get; }

    /// <summary>The Hyper-V WMI API the host speaks (found by probing v2, then v1).</summary>
    public WmiApi Api { get; private set; }

    /// <summary>The Hyper-V WMI namespace, e.g. <c>root/virtualization/v2</c>.</summary>
    public string Namespace => Api == WmiApi.V2 ? WsManResourceUris.VirtualizationV2Namespace : WsManResourceUris.VirtualizationV1Namespace;

    /// <summary>The host's own name for itself (<c>Win32_OperatingSystem.CSName</c>).</summary>
    public string? HostName { get; private set; }

    /// <summary>The Windows version string the host reported at connect time.</summary>
    public string OsVersion { get; private set; } = string.Empty;

    /// <summary>The OS caption the host reported at connect time (localized by the host).</summary>
    public string? OsCaption { get; private set; }

    /// <summary>When the connection was opened.</summary>
    public DateTimeOffset ConnectedAt { get; }

    /// <summary>False once the connection has been closed.</summary>
    public bool IsConnected => Volatile.Read(ref _disposed) == 0;

    /// <summary>Whether cmdlets use this connection when given none; maintained by the module's connection list.</summary>
    public bool IsDefault { get; set; }

    /// <summary>The parsed URI.</summary>
    public LibvirtUri ParsedUri => _uri;

    /// <summary>The settings the connection was opened with.</summary>
    public HvConnectionSettings Settings { get; }

    /// <summary>The WS-Man client; one per connection.</summary>
    internal WsManClient Client { get; }

    /// <summary>
    /// Routes the WS-Man trace events of the calls made inside the returned scope (and the
    /// tasks they start) to <paramref name="listener"/>. Envelope text is produced only when
    /// <paramref name="includeEnvelopes"/> is set, because it costs a copy of every message.
    /// </summary>
    public static IDisposable ListenForTrace(Action<WsManTraceEvent> listener, bool includeEnvelopes)
    {
        var previous = (s_traceListener.Value, s_traceEnvelopes.Value);
        s_traceListener.Value = listener;
        s_traceEnvelopes.Value = includeEnvelopes;
        return new TraceScope(previous);
    }

    /// <summary>
    /// Opens a connection: Identify (checks reachability, TLS and credentials), then the Hyper-V
    /// namespace probe (v2 first, then v1, as libvirt before 6.10 did), then the OS version.
    /// </summary>
    public static async Task<HvConnection> OpenAsync(LibvirtUri uri, NetworkCredential credential, HvConnectionSettings settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(settings);

        var userName = string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName;
        var client = new WsManClient(new WsManClientOptions
        {
            Endpoint = uri.Endpoint,
            Credential = credential,
            SkipCACheck = settings.SkipCACheck,
            SkipCNCheck = settings.SkipCNCheck,
            CertificateThumbprint = settings.CertificateThumbprint,
            TrustedRootCertificates = settings.CACertificateFile is { Length: > 0 } caFile ? CACertificateFile.Load(caFile) : null,
            OperationTimeout = settings.OperationTimeout,
            ConnectTimeout = settings.ConnectTimeout,
            MaxElements = settings.MaxElements,
            Trace = static e => s_traceListener.Value?.Invoke(e),
            TraceEnvelopes = () => s_traceEnvelopes.Value && s_traceListener.Value is not null,
        });
        var connection = new HvConnection(uri, userName, client, settings);
        try
        {
            await client.IdentifyAsync(unauthenticated: false, cancellationToken).ConfigureAwait(false);
            connection.Api = await ProbeApiAsync(client, uri, cancellationToken).ConfigureAwait(false);
            var os = await connection.ReadOperatingSystemAsync(cancellationToken).ConfigureAwait(false);
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
    /// Reads the host's version afresh (<c>SELECT * FROM Win32_OperatingSystem</c>) and packs it
    /// as libvirt does. Throws <see cref="HyperVVersionException"/> with libvirt's texts when the
    /// host reports something unpackable.
    /// </summary>
    public async Task<HvVersion> GetVersionAsync(CancellationToken cancellationToken)
    {
        var os = await ReadOperatingSystemAsync(cancellationToken).ConfigureAwait(false);
        var version = os.GetString("Version") ?? string.Empty;
        return new HvVersion(ComputerName, HyperVVersion.Parse(version), os.GetString("Caption"));
    }

    /// <summary>
    /// Runs a WQL query in a namespace (default: the host's Hyper-V namespace) and streams the
    /// instances as they arrive. For queries this module has no cmdlet for yet.
    /// </summary>
    public IAsyncEnumerable<CimObject> QueryAsync(string wql, string? wmiNamespace = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Client.EnumerateAsync(WsManResourceUris.NamespaceWildcard(wmiNamespace ?? Namespace), wql, cancellationToken);
    }

    /// <summary>Closes the connection and its HTTP connections. Safe to call twice.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Client.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => Uri;

    private async Task<CimObject> ReadOperatingSystemAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await foreach (var os in Client.EnumerateAsync(WsManResourceUris.RootCimV2All, "SELECT * FROM Win32_OperatingSystem", cancellationToken)
                           .ConfigureAwait(false))
        {
            return os;
        }
        // libvirt's text for the same situation.
        throw new HyperVException($"Could not get version information for host {ComputerName}");
    }

    private static async Task<WmiApi> ProbeApiAsync(WsManClient client, LibvirtUri uri, CancellationToken cancellationToken)
    {
        // Name = __SERVER picks the host's own instance whatever the host's language; a fault
        // (CannotProcessFilter: no such namespace) on v2 means an older host.
        const string probe = "SELECT * FROM Msvm_ComputerSystem WHERE Name = __SERVER";
        WsManFaultException? v2Failure;
        try
        {
            await DrainAsync(client.EnumerateAsync(WsManResourceUris.RootVirtualizationV2All, probe, cancellationToken)).ConfigureAwait(false);
            return WmiApi.V2;
        }
        catch (WsManFaultException fault) when (IsMissingNamespace(fault))
        {
            v2Failure = fault;
        }
        try
        {
            await DrainAsync(client.EnumerateAsync(WsManResourceUris.RootVirtualizationV1All, probe, cancellationToken)).ConfigureAwait(false);
            return WmiApi.V1;
        }
        catch (WsManFaultException fault) when (IsMissingNamespace(fault))
        {
            throw new HyperVException(
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

    private void ThrowIfDisposed() =>
        ObjectDisposedException.ThrowIf(!IsConnected, $"The connection to {Uri} is closed. Connect again with Connect-HvLibvirt.");

    private sealed class TraceScope((Action<WsManTraceEvent>? Listener, bool Envelopes) previous) : IDisposable
    {
        public void Dispose()
        {
            s_traceListener.Value = previous.Listener;
            s_traceEnvelopes.Value = previous.Envelopes;
        }
    }
}
