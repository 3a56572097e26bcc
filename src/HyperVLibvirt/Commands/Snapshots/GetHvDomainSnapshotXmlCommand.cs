using System.Management.Automation;
using System.Xml;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Snapshots;

namespace HyperVLibvirt.Commands.Snapshots;

/// <summary>
/// <para type="synopsis">Gets a snapshot's libvirt XML (virsh snapshot-dumpxml).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvDomainSnapshotXml", DefaultParameterSetName = ByDomainName)]
[OutputType(typeof(string), typeof(XmlDocument))]
public sealed class GetHvDomainSnapshotXmlCommand : SnapshotCmdletBase
{
    private const string BySnapshot = "BySnapshot";

    /// <summary>Snapshots from Get-HvDomainSnapshot; their XML is written from them without asking the host again.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = BySnapshot)]
    [ValidateNotNullOrEmpty]
    public HvDomainSnapshot[]? Snapshot { get; set; }

    /// <summary>Snapshot names; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByDomainName)]
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByDomain)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Return an XmlDocument instead of the text.</summary>
    [Parameter]
    public SwitchParameter AsDocument { get; set; }

    /// <inheritdoc />
    protected override bool ReadsDomains => ParameterSetName != BySnapshot;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == BySnapshot)
        {
            foreach (var snapshot in Snapshot!)
            {
                WriteObject(Render(snapshot));
            }
            return;
        }
        base.ProcessRecord();
    }

    /// <inheritdoc />
    protected override IEnumerable<object> Select(HvDomain domain, IReadOnlyList<HvDomainSnapshot> snapshots)
    {
        var patterns = Name!.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        var any = false;
        foreach (var snapshot in snapshots.Where(s => patterns.Any(p => p.IsMatch(s.Name))))
        {
            any = true;
            yield return Render(snapshot);
        }
        if (!any && NamedExactly(domain) && Name!.FirstOrDefault(n => !WildcardPattern.ContainsWildcardCharacters(n)) is { } exact)
        {
            yield return StreamNotice.Error(ErrorRecords.Create($"Domain '{domain.Name}' has no snapshot named '{exact}'.", "SnapshotNotFound",
                ErrorCategory.ObjectNotFound, exact, $"Run Get-HvDomainSnapshot '{domain.Name}' to list its snapshots."));
        }
    }

    private object Render(HvDomainSnapshot snapshot)
    {
        var text = SnapshotXml.Write(snapshot);
        if (!AsDocument)
        {
            return text;
        }
        // Our own output, parsed back: no DTD can be in it, and none is allowed.
        var document = new XmlDocument { XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        document.Load(reader);
        return document;
    }
}
