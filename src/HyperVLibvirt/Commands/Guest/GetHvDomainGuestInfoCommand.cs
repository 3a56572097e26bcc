using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Guest;

namespace HyperVLibvirt.Commands.Guest;

/// <summary>
/// <para type="synopsis">Gets what running guests report about themselves (virsh guestinfo).</para>
/// </summary>
/// <remarks>
/// Domains are collected from the whole pipeline first, so that each host is asked twice in all (its domains, then
/// its data exchange components), however many domains come in.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "HvDomainGuestInfo", DefaultParameterSetName = ByName)]
[OutputType(typeof(HvDomainGuestInfo))]
public sealed class GetHvDomainGuestInfoCommand : HvConnectedCmdletBase
{
    private const string ByDomain = "ByDomain";
    private const string ByName = "ByName";
    private const string ByUuid = "ByUuid";

    private readonly DomainTargets _targets = new();

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
        if (ParameterSetName == ByDomain)
        {
            foreach (var domain in Domain!)
            {
                if (_targets.AddPiped(domain) is { } closed)
                {
                    WriteError(closed);
                }
            }
            return;
        }
        if (Name is not null && Name.Any(string.IsNullOrWhiteSpace))
        {
            WriteError(ErrorRecords.Create("A domain name cannot be empty.", "EmptyDomainName", ErrorCategory.InvalidArgument, Name,
                "Pass a name or a wildcard such as 'web*', or omit -Name to read every running domain."));
            return;
        }
        _targets.AddNamed(Name, Uuid, ResolveConnections());
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var trace = TraceSink;
        // A whole-host or wildcard read reports only running domains; a domain piped in or named exactly that is off is an error worth saying.
        foreach (var (connections, filterFor, selection) in _targets.Batches())
        {
            StreamFromConnections(connections,
                (connection, token) => ReadAsync(new GuestInfoService(connection, trace), connection, filterFor(connection), selection,
                    domain => !_targets.NamedExactly(domain), token));
            foreach (var missing in selection.Missing())
            {
                WriteError(missing);
            }
        }
    }

    private static async IAsyncEnumerable<object> ReadAsync(GuestInfoService service, HvConnection connection, DomainFilter filter, DomainSelection selection,
        Func<HvDomain, bool> silentWhenNotRunning, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        var problems = new Queue<Core.HyperV.DomainReadProblem>();
        await foreach (var read in service.GetGuestInfoAsync(filter, problems.Enqueue, token).ConfigureAwait(false))
        {
            while (problems.TryDequeue(out var problem))
            {
                yield return StreamNotice.ForProblem(problem, connection.ComputerName);
            }
            selection.Saw(read.Domain);
            if (read.Info is not null)
            {
                yield return read.Info;
            }
            else if (!(read.Unavailable == GuestInfoUnavailability.DomainNotRunning && silentWhenNotRunning(read.Domain)))
            {
                yield return StreamNotice.Error(ToError(read));
            }
        }
        while (problems.TryDequeue(out var problem))
        {
            yield return StreamNotice.ForProblem(problem, connection.ComputerName);
        }
    }

    private static ErrorRecord ToError(GuestInfoRead read) => read.Unavailable == GuestInfoUnavailability.DomainNotRunning
        ? ErrorRecords.Create(read.Message!, "DomainNotRunning", ErrorCategory.InvalidOperation, read.Domain,
            "Start the domain with Start-HvDomain, then ask again once its guest has booted.")
        : ErrorRecords.Create(read.Message!, "GuestInfoUnavailable", ErrorCategory.ResourceUnavailable, read.Domain,
            "Turn on the VM's 'Key-Value Pair Exchange' integration service and make sure the guest runs its integration services.");
}
