# Prose of Disconnect-HvLibvirt's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Closes connections made by Connect-HvLibvirt.'
    Description = @(
        'Disconnect-HvLibvirt closes Hyper-V connections and removes them from the session''s list. Without parameters it closes the default connection; -Connection closes the given ones and -All closes every connection of the session.'
        'Closing the default connection leaves the session without a default: no other connection is promoted silently, so a script never acts on a host it did not choose. Closing a connection that is already closed does nothing.'
    )
    Parameters  = @{
        Connection = @{ Description = 'The connections to close, from Connect-HvLibvirt or Get-HvConnection. Without it (and without -All), the default connection is closed; when there is none, the error NoDefaultConnection says so.'; Default = 'The default connection' }
        All        = @{ Description = 'Closes every connection of this session.' }
        PassThru   = @{ Description = 'Writes each closed connection to the pipeline. Its IsConnected property is then False.' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'You can pipe connections to this cmdlet, for example from Get-HvConnection, and objects with a ConnectionId property, such as domains from Get-HvDomain.' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'By default, this cmdlet returns no output.' }
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'With -PassThru, the closed connections.' }
    )
    Notes       = @(
        'Connections belong to the runspace that made them. Closing them in one runspace does not affect thread jobs that were handed the same connection objects until they next use them.'
    )
    Examples    = @(
        @{
            Title   = 'Close the default connection'
            Code    = 'Disconnect-HvLibvirt'
            Remarks = @('Closes the default connection. Cmdlets that need a connection now fail with NoDefaultConnection until you connect again or pass -Connection.')
        }
        @{
            Title   = 'Close the connections to one host'
            Code    = 'Get-HvConnection -ComputerName 127.0.0.1 | Disconnect-HvLibvirt -PassThru'
            Remarks = @('Closes every connection to 127.0.0.1 and shows the closed connections.')
        }
        @{
            Title   = 'Close everything at the end of a script'
            Code    = 'Disconnect-HvLibvirt -All -Confirm:$false'
            Remarks = @('Closes every connection of the session without asking, even when $ConfirmPreference is Low.')
        }
    )
    Links       = @('Connect-HvLibvirt', 'Get-HvConnection', 'about_HyperVLibvirt')
}
