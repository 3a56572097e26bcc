using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Snapshots;

namespace HyperVLibvirt.Commands.Snapshots;

/// <summary>
/// The base of the cmdlets that change existing snapshots: it binds snapshots piped from Get-HvDomainSnapshot (each carries
/// its connection), or finds them by -DomainName and -Name (wildcards; each host's snapshots read in three queries), then
/// confirms each and changes them together (<see cref="SnapshotBatch"/>: each domain's jobs start without waiting for another's,
/// a host's jobs are read together), reporting progress, results and errors as they come.
/// </summary>
public abstract class SnapshotTargetCmdletBase : HvConnectedCmdletBase
{
    private const string BySnapshot = "BySnapshot";
    private const string ByName = "ByName";

    private readonly List<(HvConnection Session, HvDomainSnapshot Snapshot)> _targets = [];
    private readonly HashSet<(Guid ConnectionId, string InstanceId)> _seen = [];

    /// <summary>Snapshots, typically from Get-HvDomainSnapshot.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = BySnapshot)]
    [ValidateNotNullOrEmpty]
    public HvDomainSnapshot[]? Snapshot { get; set; }

    /// <summary>The names of the domains whose snapshots are meant; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.DomainNameCompleter))]
    public string[]? DomainName { get; set; }

    /// <summary>The snapshots' names; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>How long to wait for each job, in seconds (default 300). The job is not cancelled when the wait ends.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = (int)StateChangeOptions.DefaultTimeout.TotalSeconds;

    /// <summary>How many WS-Man requests go to each host at once (default 8); waiting for a job holds none.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = LifecycleBatch.DefaultThrottleLimit;

    /// <summary>The action named in -WhatIf and confirmation prompts, e.g. "Revert (ApplySnapshot)".</summary>
    protected abstract string Action(HvDomainSnapshot snapshot);

    /// <summary>Carries out the change on one snapshot and returns what to write with -PassThru (null: nothing).</summary>
    protected abstract Task<object?> ChangeAsync(SnapshotManagement manager, HvDomainSnapshot snapshot, StateChangeOptions options, CancellationToken token);

    /// <summary>Orders the confirmed snapshots before they are changed (as given by default).</summary>
    protected virtual IEnumerable<(HvConnection Session, HvDomainSnapshot Snapshot)> Order(IEnumerable<(HvConnection Session, HvDomainSnapshot Snapshot)> targets) => targets;

    /// <summary>Whether a failure should be written as a verbose line instead of an error (e.g. a snapshot this call removed already).</summary>
    protected virtual bool IsExpected(Exception error, HvDomainSnapshot snapshot) => false;

    /// <summary>Write what each change returns (for Remove-HvDomainSnapshot, the domain read again) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == BySnapshot)
        {
            foreach (var snapshot in Snapshot!)
            {
                if (ConnectionStore.Find(snapshot.ConnectionId) is { IsConnected: true } session)
                {
                    Add(session, snapshot);
                }
                else
                {
                    WriteError(ErrorRecords.From(new HvConnectionClosedException(ConnectionStore.UriOf(snapshot.ConnectionId) ?? snapshot.ComputerName), snapshot));
                }
            }
            return;
        }

        var selection = new DomainSelection(DomainName, null, null);
        var filter = selection.ToFilter();
        var trace = TraceSink;
        var patterns = Name!.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        var found = Wait(token => Task.WhenAll(ResolveConnections().Select(c => ReadAsync(c, filter, trace, token))));
        foreach (var (connection, trees, problems, error) in found)
        {
            foreach (var problem in problems)
            {
                StreamNotice.ForProblem(problem, connection.ComputerName).WriteTo(this);
            }
            if (error is not null)
            {
                WriteError(ErrorRecords.From(error, connection));
            }
            foreach (var (domain, snapshots) in trees)
            {
                selection.Saw(domain);
                var matched = snapshots.Where(s => patterns.Any(p => p.IsMatch(s.Name))).ToArray();
                foreach (var snapshot in matched)
                {
                    Add(connection, snapshot);
                }
                foreach (var exact in Name!.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
                {
                    if (!matched.Any(s => string.Equals(s.Name, exact, StringComparison.OrdinalIgnoreCase)))
                    {
                        WriteError(ErrorRecords.Create($"Domain '{domain.Name}' has no snapshot named '{exact}'.", "SnapshotNotFound",
                            ErrorCategory.ObjectNotFound, exact, $"Run Get-HvDomainSnapshot '{domain.Name}' to list its snapshots."));
                    }
                }
            }
        }
        foreach (var missing in selection.Missing())
        {
            WriteError(missing);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var confirmed = _targets.Where(t => ShouldProcess($"snapshot '{t.Snapshot.Name}' ({t.Snapshot.Id:D}) of {t.Snapshot.Domain} on {t.Snapshot.ComputerName}",
            Action(t.Snapshot))).ToArray();
        var reporter = new SnapshotJobReporter(MyInvocation.MyCommand.Name, IsInteractive);
        var changes = Order(confirmed).Select(t =>
        {
            var what = $"snapshot '{t.Snapshot.Name}' of '{t.Snapshot.Domain}'";
            var options = reporter.Options(Post, WriteProgress, what, TimeSpan.FromSeconds(TimeoutSec));
            return new SnapshotChange(t.Session, t.Snapshot.DomainUuid, t.Snapshot, (manager, token) => ChangeAsync(manager, t.Snapshot, options, token));
        }).ToArray();
        if (changes.Length == 0)
        {
            return;
        }
        try
        {
            ForEachStreamed(SnapshotBatch.RunAsync(changes, ThrottleLimit, TraceSink, CancellationToken), outcome =>
            {
                var snapshot = (HvDomainSnapshot)outcome.Change.Target;
                var what = $"snapshot '{snapshot.Name}' of '{snapshot.Domain}'";
                switch (outcome.Error)
                {
                    case null:
                        WriteVerbose($"{Action(snapshot)} of {what} on {snapshot.ComputerName}: done.");
                        if (PassThru && outcome.Result is not null)
                        {
                            WriteObject(outcome.Result);
                        }
                        break;
                    case var error when !ErrorRecords.IsReportable(error):
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                        break;
                    case var error when IsExpected(error, snapshot):
                        WriteVerbose($"{what}: {error.Message}");
                        break;
                    case var error:
                        WriteError(SnapshotJobReporter.ToErrorRecord(error, snapshot));
                        break;
                }
            });
        }
        finally
        {
            if (reporter.Complete() is { } done)
            {
                WriteProgress(done);
            }
        }
    }

    private void Add(HvConnection session, HvDomainSnapshot snapshot)
    {
        if (_seen.Add((session.Id, snapshot.InstanceId)))
        {
            _targets.Add((session, snapshot));
        }
    }

    private static async Task<(HvConnection Connection, List<(HvDomain Domain, IReadOnlyList<HvDomainSnapshot> Snapshots)> Trees, List<DomainReadProblem> Problems,
        Exception? Error)> ReadAsync(HvConnection connection, DomainFilter filter, Core.WsMan.IWsManTrace trace, CancellationToken cancellationToken)
    {
        var trees = new List<(HvDomain, IReadOnlyList<HvDomainSnapshot>)>();
        var problems = new List<DomainReadProblem>();
        try
        {
            await foreach (var read in new SnapshotService(connection, trace).GetSnapshotsAsync(filter, problems.Add, cancellationToken).ConfigureAwait(false))
            {
                trees.Add(read);
            }
            return (connection, trees, problems, null);
        }
        catch (Exception ex) when (ErrorRecords.IsReportable(ex))
        {
            return (connection, trees, problems, ex);
        }
    }
}
