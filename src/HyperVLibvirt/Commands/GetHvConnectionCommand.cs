using System.Management.Automation;
using HyperVLibvirt.Core.Connection;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Lists the open Hyper-V connections of this session.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvConnection", DefaultParameterSetName = "All")]
[OutputType(typeof(HvConnection))]
public sealed class GetHvConnectionCommand : HvCmdletBase
{
    /// <summary>Only connections to hosts whose name matches (wildcards allowed).</summary>
    [Parameter(Position = 0, ParameterSetName = "All")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? ComputerName { get; set; }

    /// <summary>Only the default connection.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Default")]
    public SwitchParameter Default { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var store = ConnectionStore.Current;
        if (Default)
        {
            if (store.Default is { } fallback)
            {
                WriteObject(fallback);
            }
            return;
        }
        var patterns = ComputerName?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        foreach (var connection in store.All)
        {
            if (patterns is null || patterns.Any(p => p.IsMatch(connection.ComputerName)))
            {
                WriteObject(connection);
            }
        }
    }
}
