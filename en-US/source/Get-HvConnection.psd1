# Prose of Get-HvConnection's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Lists the open Hyper-V connections of this session.'
    Description = @(
        'Get-HvConnection returns the connections that Connect-HvLibvirt opened in this session and that are still open, oldest first. -ComputerName filters them by host; -Default returns only the default connection, the one cmdlets use when they get no -Connection.'
        'It makes no network calls. Connections belong to the runspace that made them, so a thread job or ForEach-Object -Parallel starts with none.'
    )
    Parameters  = @{
        ComputerName = @{ Description = 'Returns only connections to hosts whose name, as written in the URI, matches one of these names. Wildcards are permitted; matching ignores case.'; Default = 'All hosts' }
        Default      = @{ Description = 'Returns only the default connection, or nothing when there is none.' }
    }
    Inputs      = @(
        @{ Type = 'None'; Description = 'You cannot pipe objects to this cmdlet.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'The open connections. Authentication names the scheme in use, MessageEncrypted says whether messages are sealed with its session key, and Security says in words what protects each one: over HTTP, message encryption with the Negotiate, Kerberos or NTLM session key, or nothing (Basic, or -MessageEncryption Never); over HTTPS, a verified certificate, a pinned one, or which checks were skipped. Properties are plain values, so Export-Csv and ConvertTo-Json give flat data.' }
    )
    Notes       = @(
        'Closed connections are dropped from the list. A connection object you kept in a variable still says IsConnected False after Disconnect-HvLibvirt, and using it (or a domain read through it) fails with ConnectionClosed: connect again.'
    )
    Examples    = @(
        @{
            Title   = 'List the connections'
            Code    = 'Get-HvConnection'
            Remarks = @('Lists every open connection of the session, one row each: Uri, UserName, Transport, Auth (the scheme in use: NTLM, Kerberos or Basic), Namespace and Default. The Default column shows which one cmdlets use when they get no -Connection. Get-HvConnection | Format-List Uri, Authentication, MessageEncrypted, Security shows how each connection is protected.')
        }
        @{
            Title   = 'Get the default connection'
            Code    = 'Get-HvConnection -Default | Get-HvVersion'
            Remarks = @('Gets the default connection and reads its host''s Hyper-V version.')
        }
        @{
            Title   = 'Find connections by host name'
            Code    = 'Get-HvConnection -ComputerName 127.*, local*'
            Remarks = @('Returns the connections to hosts whose name starts with 127. or local.')
        }
    )
    Links       = @('Connect-HvLibvirt', 'Disconnect-HvLibvirt', 'about_HyperVLibvirt', 'about_HyperVLibvirt_Authentication')
}
