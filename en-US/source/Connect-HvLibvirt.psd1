# Prose of Connect-HvLibvirt's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Connects to a Hyper-V host with a libvirt URI.'
    Description = @(
        'Connect-HvLibvirt opens a WS-Management connection to a Hyper-V host, as libvirt''s Hyper-V driver does for a hyperv:// URI, and returns an HvConnection. Connecting makes real round trips: a WS-Identify with the credential, a probe of the Hyper-V WMI namespace (root/virtualization/v2, then root/virtualization for Windows Server 2008 and 2008 R2) and a read of the host''s operating system. A wrong host, password or certificate therefore fails here, not in a later command.'
        'The URI has libvirt''s form, hyperv://[user@]host[:port]/[?transport=http|https]. The transport defaults to https on port 5986; transport=http uses port 5985. Unknown query parameters are ignored with a warning, and a password in the URI is refused.'
        'The new connection becomes the default connection of the session, which every other cmdlet uses when it gets no -Connection, unless you add -NotDefault. Each URI given is connected separately; one that fails is reported as a non-terminating error and the others still connect.'
    )
    Parameters  = @{
        Uri                   = @{ Description = 'The libvirt URI of the host: hyperv://[user@]host[:port]/[?transport=http|https]. IPv6 literals go in brackets, and a domain user is percent-encoded (hyperv://CONTOSO%5Cadmin@hv01/). Several URIs connect several hosts.' }
        Credential            = @{ Description = 'The account to sign in with, as a PSCredential. The host must accept Basic authentication, which works with local accounts. Without -Credential the cmdlet prompts for the password of the URI''s user (or administrator); a non-interactive session fails with the error CredentialRequired instead. When the URI names another user than -Credential, -Credential wins and a warning says so.' }
        SkipCACheck           = @{ Description = 'Accepts an HTTPS certificate that does not chain to a root this machine trusts. Prefer -CertificateThumbprint, which accepts only the one certificate you expect.' }
        SkipCNCheck           = @{ Description = 'Accepts an HTTPS certificate whose subject does not match the host name in the URI.' }
        CertificateThumbprint = @{ Description = 'Accepts exactly the HTTPS certificate with this thumbprint (SHA-1 or SHA-256, in hex; colons and spaces are allowed), whatever its chain or name. This pins a self-signed certificate safely; the error for an untrusted certificate prints its thumbprint.' }
        OperationTimeoutSec   = @{ Description = 'How long, in seconds, each WS-Management operation on this connection may take before it fails with OperationTimedOut. From 1 to 3600.'; Default = '60' }
        NotDefault            = @{ Description = 'Keeps the current default connection. Without it, the new connection becomes the default.' }
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'You can pipe URIs to this cmdlet, and objects with a Uri or ConnectionUri property.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'One connection per URI that connected. It shows the URI, user, transport, WMI namespace and whether it is the default.' }
    )
    Notes       = @(
        'On the host, WinRM must accept Basic authentication: winrm set winrm/config/service/auth @{Basic="true"}. Plain HTTP also needs winrm set winrm/config/service @{AllowUnencrypted="true"}, which sends the password in clear text; use HTTPS instead.'
        'The password is never written to output, warnings, verbose or debug text, or errors. Add -Verbose to see each WS-Management operation.'
        'The examples work against the bundled simulator started as: dotnet output/simulator/HyperVLibvirt.Simulator.dll --http-port 5985 --https-port 5986 --user admin --cert-out ./sim.cer (with its password in the HVSIM_PASSWORD environment variable). See about_HyperVLibvirt.'
    )
    Examples    = @(
        @{
            Title   = 'Connect over HTTP'
            Code    = @'
$cred = Get-Credential admin
Connect-HvLibvirt 'hyperv://admin@127.0.0.1:5985/?transport=http' -Credential $cred

Uri                                           UserName Transport Namespace              Default
---                                           -------- --------- ---------              -------
hyperv://admin@127.0.0.1:5985/?transport=http admin    Http      root/virtualization/v2 True
'@
            Remarks = @('Connects over plain HTTP on port 5985 and makes the connection the default. Get-HvDomain and Get-HvVersion now use it without -Connection.')
        }
        @{
            Title   = 'Connect over HTTPS to a host with a self-signed certificate'
            Code    = @'
$thumbprint = (Get-PfxCertificate -FilePath ./sim.cer).Thumbprint
Connect-HvLibvirt 'hyperv://admin@127.0.0.1/' -Credential $cred -CertificateThumbprint $thumbprint
'@
            Remarks = @('HTTPS is the default transport, on port 5986. The certificate is pinned by its thumbprint, so no other certificate is accepted, even one from a trusted root.')
        }
        @{
            Title   = 'Connect to several hosts and keep the default'
            Code    = @'
$lab = 'hyperv://admin@127.0.0.1:5985/?transport=http', 'hyperv://admin@localhost:5985/?transport=http' |
    Connect-HvLibvirt -Credential $cred -NotDefault
Get-HvDomain -Connection $lab
'@
            Remarks = @('Connects to each URI from the pipeline without changing the default connection, then lists the domains of both hosts at once.')
        }
    )
    Links       = @('Disconnect-HvLibvirt', 'Get-HvConnection', 'Get-HvVersion', 'Get-HvDomain', 'about_HyperVLibvirt')
}
