# Prose of Get-HvVersion's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets the Hyper-V version of hosts, in libvirt''s packed form.'
    Description = @(
        'Get-HvVersion reads Win32_OperatingSystem.Version from each host and returns it as virsh version reports it. libvirt''s Hyper-V driver repacks the Windows version as major * 100000000 + minor * 1000000 + build, so Windows Server 2016 (10.0.14393) is 1000014393, shown as 1000.14.393.'
        'Unlike libvirt, which caches the version when it connects, the version is read afresh on every call. With several connections the hosts are asked concurrently, and each result is written as it arrives; a host that fails is a non-terminating error and the others still answer.'
    )
    Parameters  = @{
        Connection = @{ Description = 'The connections to ask, one or many, from Connect-HvLibvirt or Get-HvConnection; also from the pipeline, by value or from a ConnectionId property. Without it, the default connection is used; with no default the cmdlet stops with NoDefaultConnection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Connection.HvConnection'; Description = 'You can pipe connections to this cmdlet, and objects with a ConnectionId property, such as domains from Get-HvDomain.' }
    )
    Outputs     = @(
        @{ Type = 'HyperVLibvirt.Core.HyperV.HvVersion'; Description = 'The version of each host: ComputerName, Hypervisor (always Hyper-V), Version (the libvirt triple), OsVersion, WindowsRelease, Packed, Major, Minor, Release and Caption. Versions sort and compare by Packed.' }
    )
    Notes       = @(
        'Windows Server 2008 is 600.6.1, 2008 R2 601.7.600, 2012 602.9.200, 2012 R2 603.9.600, 2016 1000.14.393, 2019 1000.17.763, 2022 1000.20.348 and 2025 1000.26.100.'
        'A version that is not exactly three numbers fails with "Could not parse version from ''<v>''", and one with a major or minor above 99 or a build above 999999 with "Could not produce packed version number from ''<v>''" (error id VersionNotPackable), as in libvirt.'
    )
    Examples    = @(
        @{
            Title   = 'Get the version of the default host'
            Code    = @'
Get-HvVersion

ComputerName Hypervisor Version     OsVersion  WindowsRelease
------------ ---------- -------     ---------  --------------
127.0.0.1    Hyper-V    1000.17.763 10.0.17763 Windows Server 2019
'@
            Remarks = @('Reads the version of the default connection''s host, here a Windows Server 2019 host.')
        }
        @{
            Title   = 'Find the oldest host'
            Code    = 'Get-HvConnection | Get-HvVersion | Sort-Object | Select-Object -First 1'
            Remarks = @('Asks every connected host at once. HvVersion objects sort by their packed number, so Sort-Object needs no property.')
        }
        @{
            Title   = 'Get the packed number libvirt''s API returns'
            Code    = '(Get-HvVersion).Packed'
            Remarks = @('Returns the number virConnectGetVersion returns, for example 1000017763.')
        }
    )
    Links       = @('Connect-HvLibvirt', 'Get-HvConnection', 'about_HyperVLibvirt')
}
