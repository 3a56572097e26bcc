using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the disks of Hyper-V virtual machines with their sizes, as virsh domblklist and domblkinfo show them.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvDomainBlockInfo", DefaultParameterSetName = "ByName")]
[OutputType(typeof(HvDomainBlockDevice))]
public sealed class GetHvDomainBlockInfoCommand : HvDomainBatchCmdletBase
{
    /// <summary>List the disks only (virsh domblklist), without the size query.</summary>
    [Parameter]
    public SwitchParameter NoSize { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Get-HvDomainBlockInfo";

    private protected override async IAsyncEnumerable<object> Results(HvConnection connection, DomainFilter filter, DomainSelection selection,
        IWsManTrace trace, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        var problems = new Queue<DomainReadProblem>();
        var warnings = new Queue<string>();
        await foreach (var result in new DomainBlockService(connection, trace).GetAsync(filter, !NoSize, problems.Enqueue, warnings.Enqueue, token)
            .ConfigureAwait(false))
        {
            while (problems.TryDequeue(out var problem))
            {
                yield return StreamNotice.ForProblem(problem, connection.ComputerName);
            }
            while (warnings.TryDequeue(out var warning))
            {
                yield return StreamNotice.Warning(warning);
            }
            selection.Saw(result.Domain);
            if (result.Error is { } error)
            {
                yield return XmlUnavailable(error, result.Domain);
                continue;
            }
            foreach (var device in result.Devices)
            {
                yield return device;
            }
        }
        while (problems.TryDequeue(out var problem))
        {
            yield return StreamNotice.ForProblem(problem, connection.ComputerName);
        }
    }
}
