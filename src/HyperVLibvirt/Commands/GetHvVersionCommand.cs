using System.Management.Automation;
using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the Hyper-V version of hosts, in libvirt's packed form.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvVersion")]
[OutputType(typeof(HvVersion))]
public sealed class GetHvVersionCommand : HvConnectedCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var trace = TraceSink;
        ForEachConnection(ResolveConnections(), (connection, token) => connection.GetVersionAsync(trace, token));
    }
}
