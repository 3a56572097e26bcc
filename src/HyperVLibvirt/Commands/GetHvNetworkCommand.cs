using System.Management.Automation;
using HyperVLibvirt.Core.Networks;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the networks (virtual switches) of Hyper-V hosts, as virsh net-list and net-info show them.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvNetwork", DefaultParameterSetName = ByName)]
[OutputType(typeof(HvNetwork))]
public sealed class GetHvNetworkCommand : NetworkCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord() => WriteNetworks(network => network, "Get-HvNetwork");
}
