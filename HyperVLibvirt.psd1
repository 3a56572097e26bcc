#
# Module manifest for HyperVLibvirt. This file is the single source of the module's version:
# build.ps1 reads ModuleVersion from here and stamps it into the assemblies.
#
@{
    RootModule           = 'HyperVLibvirt.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'f3614b2c-8cca-4ee2-9147-ac5b9fdb0ce0'
    Author               = 'HyperVLibvirt contributors'
    CompanyName          = 'HyperVLibvirt contributors'
    Copyright            = '(c) HyperVLibvirt contributors.'
    Description          = 'Manage Microsoft Hyper-V hosts from any OS with libvirt semantics: connect with a hyperv:// URI over WS-Management and get typed host versions and domains.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')

    # Explicit lists: no wildcards, so discovery is fast and nothing leaks.
    CmdletsToExport      = @(
        'Connect-HvLibvirt'
        'Disconnect-HvLibvirt'
        'Get-HvConnection'
        'Get-HvDomain'
        'Get-HvDomainGuestInfo'
        'Get-HvDomainSnapshot'
        'Get-HvDomainSnapshotXml'
        'Get-HvNetwork'
        'Get-HvNetworkXml'
        'Get-HvDomainBlockInfo'
        'Get-HvDomainXml'
        'Get-HvDomainIPAddress'
        'Get-HvVersion'
        'Get-HvNodeInfo'
        'Get-HvCapabilityXml'
        'Get-HvDomainVcpu'
        'Get-HvDomainScheduler'
        'Remove-HvDomainManagedSave'
        'Restart-HvDomain'
        'Send-HvDomainKey'
        'Resume-HvDomain'
        'Start-HvDomain'
        'Stop-HvDomain'
        'Suspend-HvDomain'
        'Wait-HvDomain'
        'Set-HvDomain'
        'Remove-HvDomain'
        'Save-HvDomainScreenshot'
        'Checkpoint-HvDomain'
        'Restore-HvDomainSnapshot'
        'Remove-HvDomainSnapshot'
        'New-HvVirtualHardDisk'
        'Add-HvDomainDevice'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()

    FormatsToProcess     = @('HyperVLibvirt.Format.ps1xml')
    TypesToProcess       = @('HyperVLibvirt.Types.ps1xml')

    PrivateData          = @{
        PSData = @{
            Tags         = @('Hyper-V', 'HyperV', 'libvirt', 'WSMan', 'WinRM', 'Linux', 'MacOS', 'Virtualization')
            ReleaseNotes = '0.1.0 (development): Connect-HvLibvirt, Disconnect-HvLibvirt, Get-HvConnection, Get-HvVersion, Get-HvDomain and the domain lifecycle cmdlets; libvirt state mapping with Paused/Shutoff+HasManagedSave for EnabledState 9/6; views like virsh list and dominfo; tab completion of domain names; sign-in with Negotiate, Kerberos (also from the ticket cache) or NTLM with WinRM message encryption, so a host as Windows ships it needs no changes, and Basic over HTTPS as libvirt does (-Authentication, -MessageEncryption, -ServicePrincipalName, auth= in the URI); full help (Get-Help <cmdlet> -Full, about_HyperVLibvirt, about_HyperVLibvirt_Authentication).'
        }
    }
}
