using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Guest;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands.Guest;

/// <summary>
/// <para type="synopsis">Gets what running guests report about themselves (virsh guestinfo).</para>
/// </summary>
/// <remarks>
/// Domains are collected from the whole pipeline first (a <see cref="DomainCollector"/>; piped ones are listed again,
/// since what is read depends on whether they run now), so that each host is asked twice in all (its domains, then its
/// data exchange components), however many domains come in.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "HvDomainGuestInfo", DefaultParameterSetName = "ByName")]
[OutputType(typeof(HvDomainGuestInfo))]
public sealed class GetHvDomainGuestInfoCommand : HvDomainReadCmdletBase
{
    // What is read depends on whether a domain runs now, so piped domains are listed again.
    private protected override PipedDomainUse PipedUse => PipedDomainUse.ReadAgain;

    /// <inheritdoc />
    protected override IAsyncEnumerable<object> ReadAsync(HvConnection connection, IReadOnlyList<HvDomain> domains, IWsManTrace trace,
        CancellationToken cancellationToken) =>
        ReadAsync(new GuestInfoService(connection, trace), domains, cancellationToken);

    private async IAsyncEnumerable<object> ReadAsync(GuestInfoService service, IReadOnlyList<HvDomain> domains,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        foreach (var read in await service.GetGuestInfoAsync(domains, token).ConfigureAwait(false))
        {
            if (read.Info is not null)
            {
                yield return read.Info;
            }
            // A whole-host or wildcard read reports only running domains; a domain piped in or named exactly that is off is an error worth saying.
            else if (read.Unavailable != GuestInfoUnavailability.DomainNotRunning || NamedExactly(read.Domain))
            {
                yield return StreamNotice.Error(ToError(read));
            }
        }
    }

    private static ErrorRecord ToError(GuestInfoRead read) => read.Unavailable == GuestInfoUnavailability.DomainNotRunning
        ? ErrorRecords.Create(read.Message!, "DomainNotRunning", ErrorCategory.InvalidOperation, read.Domain,
            "Start the domain with Start-HvDomain, then ask again once its guest has booted.")
        : ErrorRecords.Create(read.Message!, "GuestInfoUnavailable", ErrorCategory.ResourceUnavailable, read.Domain,
            "Turn on the VM's 'Key-Value Pair Exchange' integration service and make sure the guest runs its integration services.");
}
