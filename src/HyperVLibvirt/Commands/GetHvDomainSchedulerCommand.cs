using System.Management.Automation;
using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Vcpus;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the processor scheduling parameters of domains: limit, reservation and weight (virsh schedinfo).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvDomainScheduler", DefaultParameterSetName = "ByName")]
[OutputType(typeof(HvDomainScheduler))]
public sealed class GetHvDomainSchedulerCommand : HvDomainReadCmdletBase
{
    /// <inheritdoc />
    protected override IAsyncEnumerable<object> ReadAsync(HvConnection connection, IReadOnlyList<HvDomain> domains, IWsManTrace trace,
        CancellationToken cancellationToken) =>
        ReadCoreAsync(new VcpuService(connection, trace), domains, cancellationToken);

    private static async IAsyncEnumerable<object> ReadCoreAsync(VcpuService service, IReadOnlyList<HvDomain> domains, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var schedulers = await service.GetSchedulersAsync(domains, cancellationToken).ConfigureAwait(false);
        var found = schedulers.Select(s => s.Uuid).ToHashSet();
        foreach (var domain in domains.Where(d => !found.Contains(d.Uuid)))
        {
            yield return MissingSettings(domain);
        }
        foreach (var scheduler in schedulers)
        {
            yield return scheduler;
        }
    }
}
