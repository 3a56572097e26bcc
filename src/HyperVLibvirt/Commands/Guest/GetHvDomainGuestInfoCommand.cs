using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Guest;

namespace HyperVLibvirt.Commands.Guest;

/// <summary>
/// <para type="synopsis">Gets what running guests report about themselves (virsh guestinfo).</para>
/// </summary>
/// <remarks>
/// Domains are collected from the whole pipeline first (a <see cref="DomainCollector"/>; piped ones are listed again,
/// since what is read depends on whether they run now), so that each host is asked twice in all (its domains, then its
/// data exchange components), however many domains come in.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "HvDomainGuestInfo", DefaultParameterSetName = ByName)]
[OutputType(typeof(HvDomainGuestInfo))]
public sealed class GetHvDomainGuestInfoCommand : HvConnectedCmdletBase
{
    private const string ByDomain = "ByDomain";
    private const string ByName = "ByName";
    private const string ByUuid = "ByUuid";

    private readonly DomainCollector _collector = new(PipedDomainUse.ReadAgain);

    /// <summary>Domains, typically from Get-HvDomain; each is read through its own connection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByDomain)]
    [ValidateNotNullOrEmpty]
    public HvDomain[]? Domain { get; set; }

    /// <summary>Domain names; wildcards allowed. Without it (and without -Uuid), every running domain.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.DomainNameCompleter))]
    [DomainNameTransformation]
    public string[]? Name { get; set; }

    /// <summary>Domain UUIDs.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByUuid)]
    [Alias("VMId")]
    public Guid[]? Uuid { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var error in _collector.AddRecord(ParameterSetName == ByDomain ? Domain : null, Name, Uuid, null, ResolveConnections,
                     "omit -Name to read every running domain"))
        {
            WriteError(error);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var hosts = ResolveCollected(_collector);
        if (hosts.Count == 0)
        {
            return;
        }
        var trace = TraceSink;
        var domains = hosts.ToDictionary(h => h.Connection.Id, h => h.Domains);
        StreamFromConnections(hosts.Select(h => h.Connection).ToArray(),
            (connection, token) => ReadAsync(new GuestInfoService(connection, trace), domains[connection.Id], token));
    }

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
            else if (read.Unavailable != GuestInfoUnavailability.DomainNotRunning || _collector.NamedExactly(read.Domain))
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
