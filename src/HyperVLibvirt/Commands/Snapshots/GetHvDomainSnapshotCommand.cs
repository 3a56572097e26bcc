using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Snapshots;

namespace HyperVLibvirt.Commands.Snapshots;

/// <summary>
/// <para type="synopsis">Gets domains' snapshots (Hyper-V checkpoints): virsh snapshot-list, snapshot-current, snapshot-parent and snapshot-info.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvDomainSnapshot", DefaultParameterSetName = ByDomainName)]
[OutputType(typeof(HvDomainSnapshot))]
public sealed class GetHvDomainSnapshotCommand : SnapshotCmdletBase
{
    /// <summary>Snapshot names; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Only each domain's current snapshot, as <c>virsh snapshot-current</c>.</summary>
    [Parameter]
    public SwitchParameter Current { get; set; }

    /// <summary>Only snapshots without a parent, as <c>virsh snapshot-list --roots</c>.</summary>
    [Parameter]
    public SwitchParameter Roots { get; set; }

    /// <summary>Only snapshots without children, as <c>virsh snapshot-list --leaves</c>.</summary>
    [Parameter]
    public SwitchParameter Leaves { get; set; }

    /// <inheritdoc />
    protected override IEnumerable<object> Select(HvDomain domain, IReadOnlyList<HvDomainSnapshot> snapshots)
    {
        var patterns = Name?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        var any = false;
        foreach (var snapshot in snapshots)
        {
            if ((Current && !snapshot.IsCurrent) || (Roots && snapshot.Parent is not null) || (Leaves && snapshot.Children > 0)
                || (patterns is not null && !patterns.Any(p => p.IsMatch(snapshot.Name))))
            {
                continue;
            }
            any = true;
            yield return snapshot;
        }
        if (any || !NamedExactly(domain))
        {
            yield break;
        }
        // A domain named exactly that has no such snapshot deserves a word; a wildcard or whole-host read does not.
        if (Current)
        {
            yield return StreamNotice.Error(ErrorRecords.Create($"Domain '{domain.Name}' has no current snapshot.", "NoCurrentSnapshot",
                ErrorCategory.ObjectNotFound, domain, "Run Get-HvDomainSnapshot without -Current to list its snapshots."));
        }
        else if (Name?.FirstOrDefault(n => !WildcardPattern.ContainsWildcardCharacters(n)) is { } exact)
        {
            yield return StreamNotice.Error(ErrorRecords.Create($"Domain '{domain.Name}' has no snapshot named '{exact}'.", "SnapshotNotFound",
                ErrorCategory.ObjectNotFound, exact, $"Run Get-HvDomainSnapshot '{domain.Name}' to list its snapshots."));
        }
    }
}
