using System.Management.Automation;
using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Vcpus;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the virtual CPUs of domains (virsh vcpuinfo), or their vCPU counts (virsh vcpucount).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvDomainVcpu", DefaultParameterSetName = "ByName")]
[OutputType(typeof(HvDomainVcpu), typeof(HvDomainVcpuCount))]
public sealed class GetHvDomainVcpuCommand : HvDomainReadCmdletBase
{
    /// <summary>One object per domain with its current and maximum vCPU counts, as virsh vcpucount, instead of one per vCPU.</summary>
    [Parameter]
    public SwitchParameter Count { get; set; }

    /// <inheritdoc />
    protected override IAsyncEnumerable<object> ReadAsync(HvConnection connection, IReadOnlyList<HvDomain> domains, IWsManTrace trace,
        CancellationToken cancellationToken) =>
        Count ? CountsAsync(new VcpuService(connection, trace), domains, cancellationToken) : VcpusAsync(new VcpuService(connection, trace), domains, cancellationToken);

    private static async IAsyncEnumerable<object> VcpusAsync(VcpuService service, IReadOnlyList<HvDomain> domains, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var report = await service.GetVcpusAsync(domains, cancellationToken).ConfigureAwait(false);
        foreach (var domain in report.Ambiguous)
        {
            yield return StreamNotice.Warning(
                $"Another running VM on {domain.ComputerName} is also named '{domain.Name}': Hyper-V names its processor counters by VM name only, so the vCPUs of {domain.Uuid:D} are shown as Unknown. Rename one of the VMs to tell them apart.");
        }
        foreach (var domain in report.MissingSettings)
        {
            yield return MissingSettings(domain);
        }
        foreach (var row in report.Rows)
        {
            yield return row;
        }
    }

    private static async IAsyncEnumerable<object> CountsAsync(VcpuService service, IReadOnlyList<HvDomain> domains, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var count in await service.GetVcpuCountsAsync(domains, cancellationToken).ConfigureAwait(false))
        {
            yield return count;
        }
    }
}
