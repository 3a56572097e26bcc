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

    /// <summary>A file with the certificate of the private CA that issued the host's certificate (PEM or DER).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CACertificateFile { get; set; }

    /// <summary>Accept exactly the certificate with this thumbprint (SHA-1 or SHA-256, hex).</summary>
    [Parameter]
    [ValidatePattern("^[0-9A-Fa-f: ]{40,}$")]
    public string? CertificateThumbprint { get; set; }

    /// <summary>The WS-Man operation timeout in seconds (default 60).</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int OperationTimeoutSec { get; set; } = 60;

    /// <summary>
    /// How to authenticate: Default (the strongest scheme the host offers), Negotiate, Kerberos, NTLM (also NtlmDomain) or Basic.
    /// Overrides the URI's <c>auth</c> parameter.
    /// </summary>
    [Parameter]
    public AuthenticationMechanism? Authentication { get; set; }

    /// <summary>WinRM message encryption: Auto (over HTTP with Negotiate, Kerberos or NTLM), Always or Never.</summary>
    [Parameter]
    public MessageEncryption MessageEncryption { get; set; }

    /// <summary>The host's Kerberos service principal, when it is not HTTP/ and the URI's host name.</summary>
    [Parameter]
    [ValidatePattern(@"^\S+/\S+$")]
    public string? ServicePrincipalName { get; set; }

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
                // The raw text may hold a password (that is one reason it fails), so the record targets a redacted copy.
                WriteError(ErrorRecords.From(ex, UriRedaction.Redact(text)));
                continue;
            }
            foreach (var warning in uri.Warnings)
            {
                WriteWarning(warning);
            }

            var mechanism = ChooseMechanism(uri);
            var settings = new WsManSettings
            {
                Authentication = mechanism,
                MessageEncryption = MessageEncryption,
                ServicePrincipalName = ServicePrincipalName,
                SkipCACheck = SkipCACheck,
                SkipCNCheck = SkipCNCheck,
                CertificateThumbprint = CertificateThumbprint,
                // Relative to the session's current location, as every path parameter.
                CACertificateFile = CACertificateFile is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CACertificateFile),
                OperationTimeout = TimeSpan.FromSeconds(OperationTimeoutSec),
            };

            if (mechanism == AuthenticationMechanism.Basic && MessageEncryption == MessageEncryption.Always)
            {
                WriteError(ErrorRecords.Create("-MessageEncryption Always needs Negotiate, Kerberos or NTLM: Basic has no session key to encrypt with.",
                    "EncryptionNeedsNegotiate", ErrorCategory.InvalidArgument, uri.ToString(),
                    "Use -Authentication Negotiate (or Kerberos, NTLM), or HTTPS with Basic."));
                continue;
            }

            // Kerberos (or Negotiate) with no user anywhere: the ticket cache, as kinit left it; nobody is asked.
            var fromTicketCache = Credential is null && uri.UserName is null
                && mechanism is AuthenticationMechanism.Kerberos or AuthenticationMechanism.Negotiate;

            // A known user can reuse an open connection before anyone is asked for a password.
            var knownUser = Credential is not null ? UserNameOf(Credential.GetNetworkCredential())
                : fromTicketCache ? HvConnection.TicketCacheUser : uri.UserName;
            if (knownUser is not null && TryReuse(uri, knownUser, settings))
            {
                continue;
            }
            var credential = fromTicketCache ? null : ObtainCredential(uri);
            if (credential is null && !fromTicketCache)
            {
                continue;
            }
            if (knownUser is null && TryReuse(uri, UserNameOf(credential!), settings))
            {
                continue;
            }

            WriteVerbose($"Connecting to {uri} as {(credential is null ? HvConnection.TicketCacheUser : UserNameOf(credential))} ({mechanism} authentication).");
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
            WriteVerbose($"Authenticated with {connection.Authentication ?? "no scheme"}; {connection.Security}.");
            if (connection.Authentication == "Basic" && connection.Transport == "Http")
            {
                WriteWarning($"{connection.Uri} uses Basic authentication over plain HTTP: the password and all data cross the network in clear. " +
                    "Use HTTPS (?transport=https), or Negotiate/Kerberos with message encryption (-Authentication Negotiate).");
            }
            ConnectionStore.Current.Add(connection, makeDefault: !NotDefault);
            WriteObject(connection);
        }
    }

    /// <summary>-Authentication, else the URI's <c>auth</c> parameter, else Default.</summary>
    private AuthenticationMechanism ChooseMechanism(LibvirtUri uri)
    {
        var fromUri = uri.Auth switch
        {
            "basic" => AuthenticationMechanism.Basic,
            "negotiate" => AuthenticationMechanism.Negotiate,
            "kerberos" => AuthenticationMechanism.Kerberos,
            "ntlm" => AuthenticationMechanism.Ntlm,
            "default" => AuthenticationMechanism.Default,
            _ => (AuthenticationMechanism?)null,
        };
        if (Authentication is { } chosen)
        {
            if (fromUri is { } named && named != chosen)
            {
                WriteWarning($"The URI asks for auth={uri.Auth}, but -Authentication is {chosen}; using -Authentication.");
            }
            return chosen;
        }
        return fromUri ?? AuthenticationMechanism.Default;
    }

    /// <summary>
    /// One connection per endpoint and user: connecting again returns the open one (a runbook
    /// that connects at its top stays idempotent, and Get-HvConnection | Get-HvDomain lists each
    /// VM once). Different certificate or timeout settings are refused rather than silently ignored.
    /// </summary>
    private bool TryReuse(LibvirtUri uri, string userName, WsManSettings settings)
    {
        var store = ConnectionStore.Current;
        var open = store.Find(uri, userName);
        if (open is null)
        {
            return false;
        }
        if (!SameSettings(open.GetSettings(), settings))
        {
            WriteError(ErrorRecords.Create(
                $"There is already an open connection to {open.Uri} as {open.UserName}, with other authentication, certificate or timeout settings.",
                "ConnectionExists", ErrorCategory.ResourceExists, open.Uri,
                $"Close it first (Get-HvConnection | Where-Object Uri -eq '{open.Uri}' | Disconnect-HvLibvirt), then connect with the new settings."));
            return true;
        }
        WriteVerbose($"Reusing the open connection to {open.Uri} as {open.UserName} (one connection per host, port, transport and user).");
        store.Add(open, makeDefault: !NotDefault);
        WriteObject(open);
        return true;
    }

    private static bool SameSettings(WsManSettings a, WsManSettings b) =>
        a.Authentication == b.Authentication
        && a.MessageEncryption == b.MessageEncryption
        && string.Equals(a.ServicePrincipalName, b.ServicePrincipalName, StringComparison.OrdinalIgnoreCase)
        && a.SkipCACheck == b.SkipCACheck
        && a.SkipCNCheck == b.SkipCNCheck
        && a.OperationTimeout == b.OperationTimeout
        && string.Equals(a.CACertificateFile, b.CACertificateFile, StringComparison.Ordinal)
        && string.Equals(NormalizeThumbprint(a.CertificateThumbprint), NormalizeThumbprint(b.CertificateThumbprint), StringComparison.OrdinalIgnoreCase);

    private static string? NormalizeThumbprint(string? thumbprint) =>
        thumbprint?.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);

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

        PSCredential? prompted = null;
        string? user = null;
        try
        {
            // As libvirt's hyperv driver: the URI's user, else ask for one with 'administrator' as the default.
            user = uri.UserName ?? PromptForUserName(uri.Host);
            // No target name: given one, a host (Windows' credential UI) composes 'target\user', a user the URI never named.
            prompted = user is null ? null : Host.UI.PromptForCredential("Connect-HvLibvirt", $"Enter {user}'s password for {uri.Host}", user, string.Empty);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            // Non-interactive hosts (pwsh -NonInteractive, runbooks, jobs) refuse to prompt.
        }
        if (prompted is null || user is null)
        {
            WriteError(ErrorRecords.Create(
                $"No credential for {uri.Host}: -Credential was not given and this session cannot prompt for one.",
                "CredentialRequired", ErrorCategory.AuthenticationError, uri.ToString(),
                "Pass -Credential, for example -Credential (Get-Credential) or a PSCredential from your secret store."));
            return null;
        }
        var answer = prompted.GetNetworkCredential();
        return new NetworkCredential(PromptedUserName(prompted.UserName, user, uri.Host), answer.SecurePassword);
    }

    private string? PromptForUserName(string host)
    {
        var field = new System.Management.Automation.Host.FieldDescription($"User [{DefaultUserName}]") { DefaultValue = new PSObject(DefaultUserName) };
        var answers = Host.UI.Prompt("Connect-HvLibvirt", $"Enter the user name for {host}", new System.Collections.ObjectModel.Collection<System.Management.Automation.Host.FieldDescription> { field });
        if (answers is null || !answers.TryGetValue(field.Name, out var answer))
        {
            return null;
        }
        var typed = (answer?.BaseObject as string)?.Trim();
        return string.IsNullOrEmpty(typed) ? DefaultUserName : typed;
    }

    /// <summary>
    /// The user to send: the one asked for, unless the person typed another in the prompt. A
    /// 'host\' prefix that the host put in front of the asked-for name is dropped, as nobody typed it.
    /// </summary>
    private static string PromptedUserName(string? returned, string asked, string host)
    {
        if (string.IsNullOrEmpty(returned) || string.Equals(returned, host + "\\" + asked, StringComparison.OrdinalIgnoreCase))
        {
            return asked;
        }
        return returned;
    }

    /// <summary>The user libvirt's hyperv driver proposes when the URI names none.</summary>
    private const string DefaultUserName = "administrator";

    private static string UserNameOf(NetworkCredential credential) =>
        string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName;
}
