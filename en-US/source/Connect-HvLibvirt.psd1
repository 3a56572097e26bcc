# Prose of Connect-HvLibvirt's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Connects to a Hyper-V host with a libvirt URI.'
    Description = @(
        'Connect-HvLibvirt opens a WS-Management connection to a Hyper-V host, as libvirt''s Hyper-V driver does for a hyperv:// URI, and returns an HvConnection. Connecting makes real round trips: a WS-Identify with the credential, a probe of the Hyper-V WMI namespace (root/virtualization/v2, then root/virtualization for Windows Server 2008 and 2008 R2) and a read of the host''s operating system. A wrong host, password or certificate therefore fails here, not in a later command.'
        'The URI has libvirt''s form, hyperv://[user@]host[:port]/[?transport=http|https]. The transport defaults to https on port 5986; transport=http uses port 5985. Unknown query parameters are ignored with a warning, and a password in the URI is refused.'
        'A password in the URI (hyperv://user:password@host/) is refused with the error InvalidUri, before anything is sent; libvirt ignores such a password, but a URI ends up in history, logs and error records, so pass the password with -Credential. The error record carries the URI with the password masked (user:***@host). PowerShell itself keeps the command line you typed (Get-History, and the InvocationInfo.Line of an error), which no module can clean: do not type a password into a URI.'
        'One connection is kept per host, port, transport and user. Connecting again to the same ones returns the open connection (a verbose line says so) without contacting the host or checking the credential again, so a script that connects at its start can run many times, and Get-HvConnection | Get-HvDomain lists each domain once. It still becomes the default unless -NotDefault. Connecting again with other -SkipCACheck, -SkipCNCheck, -CertificateThumbprint or -OperationTimeoutSec settings fails with ConnectionExists rather than ignoring them: close the open connection with Disconnect-HvLibvirt first. Another user on the same host is another connection.'
        'The new connection becomes the default connection of the session, which every other cmdlet uses when it gets no -Connection, unless you add -NotDefault. Each URI given is connected separately; one that fails is reported as a non-terminating error and the others still connect.'
    )
    Parameters  = @{
        Uri                   = @{ Description = 'The libvirt URI of the host: hyperv://[user@]host[:port]/[?transport=http|https]. IPv6 literals go in brackets, and a domain user is percent-encoded (hyperv://CONTOSO%5Cadmin@hv01/). Several URIs connect several hosts.' }
        Credential            = @{ Description = 'The account to sign in with, as a PSCredential. The host must accept Basic authentication, which works with local accounts. Without -Credential the cmdlet prompts for the password of exactly the user the URI names, and sends that user as typed in the URI (no host or domain is put in front of it). When the URI names no user it first asks for one, proposing administrator (as libvirt does). A non-interactive session fails with the error CredentialRequired instead. When the URI names another user than -Credential, -Credential wins and a warning says so.' }
        SkipCACheck           = @{ Description = 'Accepts an HTTPS certificate that does not chain to a root this machine trusts (self-signed, or from an unknown CA). As WinRM''s own SkipCACheck, it waives trust only: an expired, not yet valid or revoked certificate is still refused. Prefer -CertificateThumbprint, which accepts only the one certificate you expect, or -CACertificateFile for a private CA.' }
        CACertificateFile     = @{ Description = 'A file with the certificate of the private CA that issued the host''s certificate (PEM, one or more certificates, or DER), for a CA that is not installed on this machine. The host''s chain is then verified against this CA instead of the system store; the name and the validity dates are still checked.' }
        SkipCNCheck           = @{ Description = 'Accepts an HTTPS certificate whose subject does not match the host name in the URI.' }
        CertificateThumbprint = @{ Description = 'Accepts exactly the HTTPS certificate with this thumbprint (SHA-1 or SHA-256, in hex; colons and spaces are allowed), whatever its chain, name or validity dates (so it is the one way to accept an expired certificate). This pins a self-signed certificate safely; the error for an untrusted certificate prints its thumbprint.' }
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

Uri                                      UserName Transport Namespace              Default
---                                      -------- --------- ---------              -------
hyperv://admin@127.0.0.1/?transport=http admin    Http      root/virtualization/v2 True
'@
            Remarks = @('Connects over plain HTTP on port 5985 and makes the connection the default. The Uri column shows the canonical URI, which leaves out a port that is the transport''s default (5985 for http, 5986 for https). Get-HvDomain and Get-HvVersion now use it without -Connection.')
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
