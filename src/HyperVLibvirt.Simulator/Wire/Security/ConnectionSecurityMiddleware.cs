using Microsoft.AspNetCore.Connections;

namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>
/// Kestrel connection middleware: gives every TCP connection its <see cref="ConnectionSecurity"/>
/// and disposes it (and with it any security context) when the connection closes.
/// </summary>
internal static class ConnectionSecurityMiddleware
{
    /// <summary>Adds the middleware to a listener (before TLS, so it wraps the whole connection).</summary>
    public static void UseConnectionSecurity(this IConnectionBuilder listener, SimulatorStatistics statistics) =>
        listener.Use(next => async connection =>
        {
            using var security = new ConnectionSecurity(statistics);
            security.Attach(connection.Items);
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                ConnectionSecurity.Detach(connection.Items);
            }
        });
}
