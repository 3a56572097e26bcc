using System.Management.Automation;
using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Uris;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Connects to a Hyper-V host with a libvirt URI.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "HvLibvirt")]
[OutputType(typeof(HvConnection))]
public sealed class ConnectHvLibvirtCommand : HvCmdletBase
{
    /// <summary>The libvirt URI: <c>hyperv://[user@]host[:port]/[?transport=http|https]</c>.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ConnectionUri")]
    [ValidateNotNullOrEmpty]
    public string[] Uri { get; set; } = Array.Empty<string>();

    /// <summary>The account to sign in with. Without it, the host prompts for one.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Accept a certificate that does not chain to a trusted root.</summary>
    [Parameter]
    public SwitchParameter SkipCACheck { get; set; }

    /// <summary>Accept a certificate whose name does not match the host.</summary>
    [Parameter]
    public SwitchParameter SkipCNCheck { get; set; }

    /// <summary>Accept exactly the certificate with this thumbprint (SHA-1 or SHA-256, hex).</summary>
    [Parameter]
    [ValidatePattern("^[0-9A-Fa-f: ]{40,}$")]
    public string? CertificateThumbprint { get; set; }

    /// <summary>The WS-Man operation timeout in seconds (default 60).</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int OperationTimeoutSec { get; set; } = 60;

    /// <summary>Keep the current default connection; do not make this one the default.</summary>
    [Parameter]
    public SwitchParameter NotDefault { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var text in Uri)
        {
            LibvirtUri uri;
            try
            {
                uri = LibvirtUri.Parse(text);
            }
            catch (LibvirtUriException ex)
            {
                WriteError(ErrorRecords.From(ex, text));
                continue;
            }
            foreach (var warning in uri.Warnings)
            {
                WriteWarning(warning);
            }

            var credential = ObtainCredential(uri);
            if (credential is null)
            {
                continue;
            }

            var settings = new WsManSettings
            {
                SkipCACheck = SkipCACheck,
                SkipCNCheck = SkipCNCheck,
                CertificateThumbprint = CertificateThumbprint,
                OperationTimeout = TimeSpan.FromSeconds(OperationTimeoutSec),
            };
            WriteVerbose($"Connecting to {uri} as {UserNameOf(credential)}.");
            HvConnection connection;
            try
            {
                var trace = TraceSink;
                connection = Wait(token => HvConnection.OpenAsync(uri, credential, settings, trace, token));
            }
            catch (Exception ex) when (ErrorRecords.IsReportable(ex))
            {
                WriteError(ErrorRecords.From(ex, uri.ToString()));
                continue;
            }
            ConnectionStore.Current.Add(connection, makeDefault: !NotDefault);
            WriteObject(connection);
        }
    }

    private NetworkCredential? ObtainCredential(LibvirtUri uri)
    {
        if (Credential is not null)
        {
            var given = Credential.GetNetworkCredential();
            if (uri.UserName is not null && !string.Equals(uri.UserName, UserNameOf(given), StringComparison.OrdinalIgnoreCase))
            {
                WriteWarning($"The URI names user '{uri.UserName}', but -Credential is for '{UserNameOf(given)}'; using -Credential.");
            }
            return given;
        }

        // As libvirt's auth callback: the URI's user (else 'administrator') and the host as the target.
        var user = uri.UserName ?? "administrator";
        PSCredential? prompted = null;
        try
        {
            prompted = Host.UI.PromptForCredential("Connect-HvLibvirt", $"Enter {user}'s password for {uri.Host}", user, uri.Host);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            // Non-interactive hosts (pwsh -NonInteractive, runbooks, jobs) refuse to prompt.
        }
        if (prompted is null)
        {
            WriteError(ErrorRecords.Create(
                $"No credential for {uri.Host}: -Credential was not given and this session cannot prompt for one.",
                "CredentialRequired", ErrorCategory.AuthenticationError, uri.ToString(),
                "Pass -Credential, for example -Credential (Get-Credential) or a PSCredential from your secret store."));
            return null;
        }
        return prompted.GetNetworkCredential();
    }

    private static string UserNameOf(NetworkCredential credential) =>
        string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName;
}
