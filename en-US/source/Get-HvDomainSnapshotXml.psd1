# Prose of Get-HvDomainSnapshotXml's help; parameter facts come from the cmdlet. Build with Build-MamlHelp.ps1.
@{
    Synopsis    = 'Gets a snapshot''s libvirt XML (virsh snapshot-dumpxml).'
    Description = @(
        'Get-HvDomainSnapshotXml returns the XML libvirt writes for a snapshot: name, description (the snapshot''s notes), state (running when it holds the guest''s memory, shutoff otherwise), parent name, creationTime in seconds since 1970, memory snapshot=''internal'' or ''no'', and the domain.'
        'Name a domain and a snapshot (both may be wildcards), pipe domains and name the snapshot, or pipe snapshots from Get-HvDomainSnapshot, whose XML is then written without asking the host again. The result is text by default; -AsDocument returns an XmlDocument.'
        'libvirt embeds the snapshot''s full domain definition in <domain>; this version writes the domain''s UUID there, as libvirt does for a snapshot whose definition it does not hold.'
    )
    Parameters  = @{
        Domain     = @{ Description = 'Domains, typically from Get-HvDomain; -Name then names the snapshots.' }
        DomainName = @{ Description = 'The names of the domains. Wildcards are permitted and matching ignores case; names also come from the pipeline as strings. Tab completion offers the names on the host.'; Default = 'Every domain' }
        Name       = @{ Description = 'The names of the snapshots. Wildcards are permitted and matching ignores case. An exact name a named domain does not have is a SnapshotNotFound error.' }
        Snapshot   = @{ Description = 'Snapshots from Get-HvDomainSnapshot; their XML is written from the objects themselves.' }
        AsDocument = @{ Description = 'Returns an XmlDocument instead of the text.' }
        Connection = @{ Description = 'The connections to read, one or many, from Connect-HvLibvirt or Get-HvConnection; also from the pipeline, by value or from a ConnectionId property. Without it, the default connection is used; with no default the cmdlet stops with NoDefaultConnection.'; Default = 'The default connection' }
    }
    Inputs      = @(
        @{ Type = 'HyperVLibvirt.Core.Snapshots.HvDomainSnapshot'; Description = 'You can pipe snapshots from Get-HvDomainSnapshot.' }
        @{ Type = 'HyperVLibvirt.Core.Domains.HvDomain'; Description = 'You can pipe domains from Get-HvDomain, with -Name.' }
        @{ Type = 'System.String'; Description = 'You can pipe domain names to this cmdlet, with -Name.' }
    )
    Outputs     = @(
        @{ Type = 'System.String'; Description = 'The XML of each snapshot, as virsh snapshot-dumpxml prints it.' }
        @{ Type = 'System.Xml.XmlDocument'; Description = 'With -AsDocument, the XML of each snapshot as a document.' }
    )
    Notes       = @(
        'Snapshots are read from root/virtualization/v2 (Windows Server 2012 and later).'
    )
    Examples    = @(
        @{
            Title   = 'Print a snapshot''s XML'
            Code    = @'
Get-HvDomainSnapshotXml vm-003 patched

<domainsnapshot>
  <name>patched</name>
  <state>shutoff</state>
  <parent>
    <name>baseline</name>
  </parent>
  <creationTime>1741685400</creationTime>
  <memory snapshot='no'/>
  <domain>
    <uuid>3b0fbe21-5853-43f0-a818-4be991eb81e3</uuid>
  </domain>
</domainsnapshot>
'@
            Remarks = @('Prints what virsh snapshot-dumpxml vm-003 patched prints.')
        }
        @{
            Title   = 'Read one field through the document'
            Code    = @'
(Get-HvDomainSnapshotXml vm-003 pre-upgrade -AsDocument).domainsnapshot.memory.snapshot

internal
'@
            Remarks = @('pre-upgrade was taken while the guest ran and holds its memory, so libvirt calls its memory snapshot internal.')
        }
        @{
            Title   = 'Read the XML of every current snapshot'
            Code    = @'
Get-HvDomainSnapshot -Current | Get-HvDomainSnapshotXml -AsDocument | ForEach-Object { $_.domainsnapshot.parent.name }

test-b
patched
patched
test-b
test-b
'@
            Remarks = @('Pipes the current snapshots in; their XML is written from the objects without further round trips. Here each document gives the parent''s name.')
        }
    )
    Links       = @('Get-HvDomainSnapshot', 'about_HyperVLibvirt')
}
