using System.Management.Automation;
using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the disks of Hyper-V virtual machines with their sizes, as virsh domblklist and domblkinfo show them.</para>
/// </summary>
/// <remarks>
/// Domains are collected and listed as Get-HvDomainXml lists them (piped ones again: their disks now), then each host's
/// disks come from the same batch as the XML, and file sizes in one more query per 32 image files; with -Capacity, one
/// GetVirtualHardDiskSettingData call per VHD/VHDX more.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "HvDomainBlockInfo", DefaultParameterSetName = "ByName")]
[OutputType(typeof(HvDomainBlockDevice))]
public sealed class GetHvDomainBlockInfoCommand : HvDomainReadCmdletBase
{
    /// <summary>List the disks only (virsh domblklist), without the size query.</summary>
    [Parameter]
    public SwitchParameter NoSize { get; set; }

    /// <summary>Also read each VHD/VHDX's virtual size (Capacity): one call per disk file.</summary>
    [Parameter]
    public SwitchParameter Capacity { get; set; }

    private protected override PipedDomainUse PipedUse => PipedDomainUse.ReadAgain;

    private protected override string? ProgressActivity => "Get-HvDomainBlockInfo";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (NoSize && Capacity)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Capacity reads sizes and -NoSize skips them: use one of them."),
                "CapacityWithNoSize", ErrorCategory.InvalidArgument, null));
        }
        base.BeginProcessing();
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<object> ReadAsync(HvConnection connection, IReadOnlyList<HvDomain> domains, IWsManTrace trace,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var warnings = new Queue<string>();
        var service = new DomainBlockService(connection, trace) { ReadVirtualSizes = Capacity };
        await foreach (var result in service.GetAsync(domains, !NoSize, warnings.Enqueue, cancellationToken)
            .ConfigureAwait(false))
        {
            while (warnings.TryDequeue(out var warning))
            {
                yield return StreamNotice.Warning(warning);
            }
            if (result.Error is { } error)
            {
                yield return DomainXmlUnavailable.For(error, result.Domain);
                continue;
            }
            foreach (var device in result.Devices)
            {
                yield return device;
            }
        }
    }
}
