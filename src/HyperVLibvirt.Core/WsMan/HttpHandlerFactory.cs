using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>The one recipe for the session's HTTP handlers: TLS policy, timeouts, no proxy, no redirects, no cookies.</summary>
internal static class HttpHandlerFactory
{
    /// <summary>
    /// A handler. With <paramref name="onConnect"/>, at most one connection is kept and each new TCP connection is reported,
    /// so a connection-authenticated context can tell that its connection was replaced.
    /// </summary>
    public static SocketsHttpHandler Create(WsManSettings settings, CertificateValidation certificates, X509Certificate2Collection? trustedRoots,
        Action? onConnect = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = settings.ConnectTimeout,
            PooledConnectionLifetime = onConnect is null ? TimeSpan.FromMinutes(5) : Timeout.InfiniteTimeSpan,
            // WinRM's HTTP.sys closes idle connections after 2 minutes; close ours first.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false, // WinRM is a LAN protocol; environment proxies would break loopback and lab hosts
            AutomaticDecompression = DecompressionMethods.None,
            // The handler must not answer a Negotiate/NTLM 401 itself: the transport runs that handshake (with encryption).
            Credentials = null,
            PreAuthenticate = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = certificates.Validate,
                CertificateChainPolicy = CustomRootPolicy(trustedRoots),
            },
            // On cancel or timeout the response is disposed mid-body; by default the handler then spends up to
            // 2 s draining it to reuse the connection. A stopped call must stop now: drop the connection instead.
            ResponseDrainTimeout = TimeSpan.Zero,
            MaxResponseDrainSize = 0,
        };
        if (onConnect is not null)
        {
            handler.MaxConnectionsPerServer = 1;
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                    onConnect();
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return handler;
    }

    /// <summary>A chain policy that trusts only the given roots (a private CA), or null for the system store.</summary>
    private static X509ChainPolicy? CustomRootPolicy(X509Certificate2Collection? roots)
    {
        if (roots is null || roots.Count == 0)
        {
            return null;
        }
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            // As SslStream's default for clients: no revocation fetches (a private CA rarely publishes a reachable CRL).
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }
}
