# Prose of Connect-HvLibvirt's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Connects to a Hyper-V host with a libvirt URI.'
    Description = @(
        'Connect-HvLibvirt opens a WS-Management connection to a Hyper-V host, as libvirt''s Hyper-V driver does for a hyperv:// URI, and returns an HvConnection. Connecting makes real round trips: the sign-in (the Negotiate, Kerberos or NTLM handshake, or for Basic a WS-Identify with the credential), a probe of the Hyper-V WMI namespace (root/virtualization/v2, then root/virtualization for Windows Server 2008 and 2008 R2) and a read of the host''s operating system. A wrong host, password or certificate therefore fails here, not in a later command.'
        'The URI has libvirt''s form, hyperv://[user@]host[:port]/[?transport=http|https], and the module adds its own auth=default|basic|negotiate|kerberos|ntlm. The transport defaults to https on port 5986; transport=http uses port 5985, the listener WinRM has on a host as Windows ships it. Other unknown query parameters are ignored with a warning, and a password in the URI is refused.'
        'Authentication works with WinRM as Windows ships it: Negotiate and Kerberos on, Basic off, unencrypted traffic refused. By default the cmdlet sends one empty request to learn the schemes the host offers, then signs in with Negotiate (Kerberos for a domain account connected by the host''s DNS name, NTLM otherwise), else Kerberos, and with Basic only when the host offers nothing else. Over HTTP every message is then encrypted with the session key (WinRM message encryption), so nothing crosses in clear. -Authentication, or auth= in the URI, names the scheme; -MessageEncryption and -ServicePrincipalName adjust it. Basic over plain HTTP gets a warning, as the password and all data then cross in clear. See about_HyperVLibvirt_Authentication.'
        'A password in the URI (hyperv://user:password@host/) is refused with the error InvalidUri, before anything is sent; libvirt ignores such a password, but a URI ends up in history, logs and error records, so pass the password with -Credential. The error record carries the URI with the password masked (user:***@host). PowerShell itself keeps the command line you typed (Get-History, and the InvocationInfo.Line of an error), which no module can clean: do not type a password into a URI.'
        'One connection is kept per host, port, transport and user. Connecting again to the same ones returns the open connection (a verbose line says so) without contacting the host or checking the credential again, so a script that connects at its start can run many times, and Get-HvConnection | Get-HvDomain lists each domain once. It still becomes the default unless -NotDefault. Connecting again with other -Authentication (or auth=), -MessageEncryption, -ServicePrincipalName, -SkipCACheck, -SkipCNCheck, -CACertificateFile, -CertificateThumbprint or -OperationTimeoutSec settings fails with ConnectionExists rather than ignoring them: close the open connection with Disconnect-HvLibvirt first. Another user on the same host is another connection.'
        'The new connection becomes the default connection of the session, which every other cmdlet uses when it gets no -Connection, unless you add -NotDefault. Each URI given is connected separately; one that fails is reported as a non-terminating error and the others still connect.'
    )
    Parameters  = @{
        Uri                   = @{ Description = 'The libvirt URI of the host: hyperv://[user@]host[:port]/[?transport=http|https]. IPv6 literals go in brackets, and a domain user is percent-encoded (hyperv://CONTOSO%5Cadmin@hv01/). Several URIs connect several hosts.' }
        Credential            = @{ Description = 'The account to sign in with, as a PSCredential: a domain account (CONTOSO\ops, or ops@CONTOSO.COM, the form that gets Kerberos from Linux and macOS) or a local account of the host (HV01\user or .\user). With -Authentication Kerberos or Negotiate, no -Credential and no user in the URI, the Kerberos ticket cache is used (kinit beforehand; on Windows, the signed-in user''s logon) and nobody is asked; the connection''s UserName is then (Kerberos ticket cache). Otherwise, without -Credential the cmdlet prompts for the password of exactly the user the URI names, and sends that user as typed in the URI (no host or domain is put in front of it). When the URI names no user it first asks for one, proposing administrator (as libvirt does). A non-interactive session fails with the error CredentialRequired instead. When the URI names another user than -Credential, -Credential wins and a warning says so.' }
        SkipCACheck           = @{ Description = 'Accepts an HTTPS certificate that does not chain to a root this machine trusts (self-signed, or from an unknown CA). As WinRM''s own SkipCACheck, it waives trust only: an expired, not yet valid or revoked certificate is still refused. Prefer -CertificateThumbprint, which accepts only the one certificate you expect, or -CACertificateFile for a private CA.' }
        CACertificateFile     = @{ Description = 'A file with the certificate of the private CA that issued the host''s certificate (PEM, one or more certificates, or DER), for a CA that is not installed on this machine. The host''s chain is then verified against this CA instead of the system store; the name and the validity dates are still checked.' }
        SkipCNCheck           = @{ Description = 'Accepts an HTTPS certificate whose subject does not match the host name in the URI.' }
        CertificateThumbprint = @{ Description = 'Accepts exactly the HTTPS certificate with this thumbprint (SHA-1 or SHA-256, in hex; colons and spaces are allowed), whatever its chain, name or validity dates (so it is the one way to accept an expired certificate). This pins a self-signed certificate safely; the error for an untrusted certificate prints its thumbprint.' }
        OperationTimeoutSec   = @{ Description = 'How long, in seconds, each WS-Management operation on this connection may take before it fails with OperationTimedOut. From 1 to 3600.'; Default = '60' }
        Authentication        = @{ Description = 'How to sign in: Default, Negotiate, Kerberos, Ntlm (also accepted as NtlmDomain, CimSession''s name) or Basic. Default sends one empty request to learn the schemes the host offers, then uses Negotiate, else Kerberos, and Basic only when it is the only scheme offered. Negotiate is SPNEGO: Kerberos when the user has a realm and the host a service principal, otherwise NTLM. Kerberos needs the host''s DNS name; Ntlm suits local accounts and hosts reached by IP address; Basic works with local accounts only and is off on a host as Windows ships it. Naming Negotiate, Kerberos or Ntlm saves the first request. Overrides the URI''s auth= parameter, with a warning when they differ.'; Default = 'Default, or the URI''s auth=' }
        MessageEncryption     = @{ Description = 'WinRM message encryption (MS-WSMV 2.2.9.1), which seals each message with the Negotiate, Kerberos or NTLM session key: Auto encrypts over HTTP and not over HTTPS, where TLS protects the traffic; Always encrypts over HTTPS too; Never sends plain SOAP, which a host as Windows ships it refuses over HTTP (UnencryptedTrafficRefused). Always with -Authentication Basic is refused (EncryptionNeedsNegotiate): Basic has no session key. A response that should be encrypted and arrives in clear is refused unread.'; Default = 'Auto' }
        ServicePrincipalName  = @{ Description = 'The host''s Kerberos service principal, such as HTTP/hv01.contoso.com, for when it is not HTTP/ followed by the host name in the URI: a DNS alias or a load-balanced name whose principal is registered under another name, or a host reached by IP address.'; Default = 'HTTP/ and the host name in the URI' }
        NotDefault            = @{ Description = 'Keeps the current default connection. Without it, the new connection becomes the default.' }
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'You can pipe URIs to this cmdlet, and objects with a Uri or ConnectionUri property.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'One connection per URI that connected. It shows the URI, user, transport, authentication scheme (Auth), WMI namespace and whether it is the default; its MessageEncrypted and Security properties say how the traffic is protected.' }
    )
    Notes       = @(
        'A host as Windows ships WinRM needs nothing configured for a domain account over HTTP. A local administrator other than the built-in Administrator needs LocalAccountTokenFilterPolicy set on the host for NTLM. Basic, as libvirt''s driver uses it, needs winrm set winrm/config/service/auth @{Basic="true"} on the host, and over plain HTTP also winrm set winrm/config/service @{AllowUnencrypted="true"}, which sends the password in clear text: use HTTPS, or Negotiate, instead.'
        'On Linux, NTLM uses GSSAPI''s gss-ntlmssp when it is installed; otherwise the module turns on .NET''s managed NTLM (the AppContext switch System.Net.Security.UseManagedNtlm) for the whole pwsh process. Kerberos from the ticket cache reads KRB5CCNAME and krb5.conf when pwsh starts. See about_HyperVLibvirt_Authentication.'
        'The password is never written to output, warnings, verbose or debug text, or errors. Add -Verbose to see each WS-Management operation.'
        'The examples work against the bundled simulator started as: dotnet output/simulator/HyperVLibvirt.Simulator.dll --http-port 5985 --https-port 5986 --user admin --cert-out ./sim.cer (with its password in the HVSIM_PASSWORD environment variable). See about_HyperVLibvirt.'
    )
    Examples    = @(
        @{
            Title   = 'Connect to a host as Windows ships it'
            Code    = @'
$cred = Get-Credential admin
Connect-HvLibvirt 'hyperv://admin@127.0.0.1:5985/?transport=http' -Credential $cred
'@
            Remarks = @(
                'Connects over plain HTTP on port 5985, the listener WinRM has on a host as Windows ships it, and makes the connection the default; Get-HvDomain and Get-HvVersion now use it without -Connection. The cmdlet asks the host which schemes it offers and signs in with Negotiate, encrypting every message with the session key. The table''s Auth column shows the scheme; the connection''s Security property says what protects the traffic. The Uri column shows the canonical URI, which leaves out a port that is the transport''s default (5985 for http, 5986 for https).'
                'On a real host as Windows ships it, a domain account needs nothing configured on the host: Connect-HvLibvirt ''hyperv://hv01.contoso.com/?transport=http'' -Credential CONTOSO\ops. Connected by its DNS name, the host is reached with Kerberos (from Linux and macOS, give the user as ops@CONTOSO.COM for Kerberos; CONTOSO\ops signs in with NTLM).'
                'Kerberos from the ticket cache asks for no password at all: run kinit ops@CONTOSO.COM first, then Connect-HvLibvirt ''hyperv://hv01.contoso.com/?transport=http'' -Authentication Kerberos. The connection''s UserName is then (Kerberos ticket cache).'
                'A local account of the host signs in with NTLM: Connect-HvLibvirt ''hyperv://hv01.contoso.com/?transport=http'' -Credential HV01\Administrator -Authentication Ntlm. Local administrators other than the built-in Administrator also need LocalAccountTokenFilterPolicy set on the host.'
                'The bundled simulator offers Negotiate where it can serve NTLM (on Linux, where gss-ntlmssp is installed), and Basic otherwise; over HTTP a warning then says that Basic sends the password in clear.'
            )
        }
        @{
            Title   = 'Connect over HTTPS to a host with a self-signed certificate'
            Code    = @'
$thumbprint = (Get-PfxCertificate -FilePath ./sim.cer).Thumbprint
Connect-HvLibvirt 'hyperv://admin@127.0.0.1/' -Credential $cred -CertificateThumbprint $thumbprint
'@
            Remarks = @('HTTPS is the default transport, on port 5986. The certificate is pinned by its thumbprint, so no other certificate is accepted, even one from a trusted root. TLS protects the traffic, so messages are not encrypted a second time (-MessageEncryption Auto).')
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
        @{
            Title   = 'Name the scheme in the URI'
            Code    = @'
Connect-HvLibvirt 'hyperv://admin@localhost/?auth=basic' -Credential $cred -CertificateThumbprint $thumbprint -NotDefault

Uri                                  UserName Transport Auth  Namespace              Default
---                                  -------- --------- ----  ---------              -------
hyperv://admin@localhost/?auth=basic admin    Https     Basic root/virtualization/v2 False
'@
            Remarks = @(
                'auth= is the module''s own query parameter (default, basic, negotiate, kerberos or ntlm, in any case). It keeps the choice with the URI, in a runbook''s configuration for instance; -Authentication overrides it with a warning. virsh ignores it with a warning and uses Basic.'
                'Here Basic over HTTPS, with the certificate pinned as in example 2: the way a host set up for libvirt''s driver is reached (Basic enabled, an HTTPS listener). Default would pick Negotiate wherever the host offers it. For a host as Windows ships it, name Kerberos or NTLM instead: hyperv://hv01.contoso.com/?transport=http&auth=kerberos.'
            )
        }
    )
    Links       = @('Disconnect-HvLibvirt', 'Get-HvConnection', 'Get-HvVersion', 'Get-HvDomain', 'about_HyperVLibvirt', 'about_HyperVLibvirt_Authentication')
}
