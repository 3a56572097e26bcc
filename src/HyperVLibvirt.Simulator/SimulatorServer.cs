using System.Net;
using System.Security.Cryptography.X509Certificates;
using HyperVLibvirt.Simulator.Model;
using HyperVLibvirt.Simulator.Wire;
using HyperVLibvirt.Simulator.Wire.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperVLibvirt.Simulator;

/// <summary>
/// A running simulator: a simulated Hyper-V host behind a WinRM-like WS-Management endpoint on
/// loopback. Start it with <see cref="StartAsync"/>, stop it by disposing it.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2? _privateCertificate;

    private SimulatorServer(WebApplication app, SimulatedHost host, SimulatorOptions options, SimulatorStatistics statistics, X509Certificate2? certificate)
    {
        _app = app;
        Host = host;
        Faults = options.Faults;
        Statistics = statistics;
        _privateCertificate = certificate;
        Certificate = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
    }

    /// <summary><c>http://127.0.0.1:PORT/wsman</c>, or null without an HTTP listener.</summary>
    public Uri? HttpEndpoint { get; private set; }

    /// <summary><c>https://127.0.0.1:PORT/wsman</c>, or null without an HTTPS listener.</summary>
    public Uri? HttpsEndpoint { get; private set; }

    /// <summary>The generated self-signed certificate (public part only), for pinning or trust in tests.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The simulated host (inventory, state, jobs).</summary>
    public SimulatedHost Host { get; }

    /// <summary>The fault-injection rules; may be changed while running.</summary>
    public FaultPlan Faults { get; }

    /// <summary>Request count and serving time.</summary>
    public SimulatorStatistics Statistics { get; }

    /// <summary>Builds the host, binds the listeners on loopback and starts serving.</summary>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HttpPort is null && options.HttpsPort is null)
        {
            throw new ArgumentException("At least one of HttpPort and HttpsPort must be set.", nameof(options));
        }

        if (options.MaxEnvelopeSizeKb < 8)
        {
            throw new ArgumentException("MaxEnvelopeSizeKb must be at least 8.", nameof(options));
        }

        var ntlmAvailable = options.NtlmAvailableOverride ?? GssNtlmMechanism.IsInstalled;
        if (options.NegotiateEnabled == true && !ntlmAvailable)
        {
            throw new InvalidOperationException(GssNtlmMechanism.MissingMessage);
        }

        // Whether NTLM is served is decided here: the native environment must name the user file before the first logon.
        var servesNtlm = ntlmAvailable && options.NegotiateEnabled != false;
        var host = new SimulatedHost(options.Host);
        var statistics = new SimulatorStatistics();
        X509Certificate2? certificate = null;
        if (options.HttpsPort is not null)
        {
            certificate = SelfSignedCertificate.Create();
            if (options.CertificatePath is { Length: > 0 } path)
            {
                SelfSignedCertificate.WritePublic(certificate, path);
            }
        }

        var store = new EnumerationStore(options.Host.Clock, () => options.EnumerationTimeout, () => options.MaxConcurrentOperationsPerUser);
        statistics.OpenEnumerationCount = () =>
        {
            store.SweepExpired();
            return store.Count;
        };
        var authenticator = new RequestAuthenticator(options, host, statistics, servesNtlm);
        var operations = new WsManOperations(host, options, store, authenticator);
        var endpoint = new WsManEndpoint(options, host, operations, statistics, authenticator);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The endpoint enforces MaxEnvelopeSizekb itself so it can answer 413 as WinRM does.
            kestrel.Limits.MaxRequestBodySize = null;
            var address = options.UseIPv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
            if (options.HttpPort is { } httpPort)
            {
                kestrel.Listen(address, httpPort, listen => listen.UseConnectionSecurity(statistics));
            }

            if (options.HttpsPort is { } httpsPort)
            {
                kestrel.Listen(address, httpsPort, listen =>
                {
                    listen.UseConnectionSecurity(statistics);
                    listen.UseHttps(certificate!);
                });
            }
        });

        var app = builder.Build();
        app.Run(endpoint.HandleAsync);
        if (servesNtlm)
        {
            NtlmUserFile.Configure();
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var server = new SimulatorServer(app, host, options, statistics, certificate);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var bound in addresses)
        {
            var uri = new Uri(bound);
            var endpointUri = new UriBuilder(uri.Scheme, uri.Host, uri.Port, "/wsman").Uri;
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                server.HttpsEndpoint = endpointUri;
            }
            else
            {
                server.HttpEndpoint = endpointUri;
            }
        }

        return server;
    }

    /// <summary>Stops the listeners.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _privateCertificate?.Dispose();
            Certificate?.Dispose();
        }
    }
}
