using System.Management.Automation;
using HyperVLibvirt.Core.Node;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets a host's processors, memory, free memory, host name, UUID and vCPU limit (virsh nodeinfo, hostname, maxvcpus, freecell).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvNodeInfo")]
[OutputType(typeof(NodeInfo))]
public sealed class GetHvNodeInfoCommand : HvConnectedCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var trace = TraceSink;
        ForEachConnection(ResolveConnections(), (connection, token) => new NodeService(connection, trace).GetNodeInfoAsync(token));
    }
}
