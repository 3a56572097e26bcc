using System.Management.Automation;
using System.Threading.Channels;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Commands.Lifecycle;

/// <summary>
/// The base of the domain lifecycle cmdlets. It binds domains (from the pipeline, or by -Name,
/// -Uuid or -Id), collects them all, confirms each, then runs the operation on all of them at
/// once (a bounded number per host) in Core, writing each result or error as it completes.
/// Ctrl+C stops the waiting and says which jobs are still running on the hosts.
/// </summary>
public abstract class HvDomainLifecycleCmdletBase : HvConnectedCmdletBase
{
    private const string ByDomain = "ByDomain";
    private const string ByName = "ByName";
    private const string ByUuid = "ByUuid";
    private const string ById = "ById";

    private readonly List<LifecycleTarget> _targets = [];
    private readonly HashSet<(Guid ConnectionId, Guid Uuid)> _seen = [];
    private bool _yesToAll;
    private bool _noToAll;

    /// <summary>Domains, typically from Get-HvDomain; each carries the identity of its own connection.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByDomain)]
    [ValidateNotNullOrEmpty]
    public HvDomain[]? Domain { get; set; }

    /// <summary>Domain names; wildcards allowed. Names pipe in as strings (as Stop-VM takes them).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.DomainNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Domain UUIDs.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByUuid)]
    [Alias("VMId")]
    public Guid[]? Uuid { get; set; }

    /// <summary>libvirt domain ids (the ProcessID of an active domain).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [ValidateRange(0, int.MaxValue)]
    public int[]? Id { get; set; }

    /// <summary>Write each domain, read again after the change, to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Return once the host has accepted the request, without waiting for its job (-PassThru then shows the domain as it is now).</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>How long to wait for each job, in seconds (default 300). The job is not cancelled when the wait ends.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = (int)StateChangeOptions.DefaultTimeout.TotalSeconds;

    /// <summary>How many WS-Man requests go to each host at once (default 8); waiting for a job holds none.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = LifecycleBatch.DefaultThrottleLimit;

    /// <summary>The operation this invocation carries out.</summary>
    protected abstract DomainOperation Operation { get; }

    /// <summary>Whether this invocation's operation is ConfirmImpact High (-TurnOff, -Reset, -Force); the cmdlets declare Medium.</summary>
    protected virtual bool IsHighImpact => false;

    /// <summary>Extra settings for the operation (e.g. the shutdown's Force and Reason).</summary>
    protected virtual StateChangeOptions CustomizeOptions(StateChangeOptions options) => options;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByDomain)
        {
            foreach (var domain in Domain!)
            {
                if (ConnectionStore.Find(domain.ConnectionId) is { IsConnected: true } session)
                {
                    AddTarget(new LifecycleTarget(session, domain));
                }
                else
                {
                    WriteError(ErrorRecords.From(new HvConnectionClosedException(ConnectionStore.UriOf(domain.ConnectionId) ?? domain.ComputerName), domain));
                }
            }
            return;
        }

        var selection = new DomainSelection(Name, Uuid, Id);
        var filter = selection.ToFilter();
        var connections = ResolveConnections();
        var trace = TraceSink;
        var found = Wait(token => Task.WhenAll(connections.Select(c => DomainLookup.FindAsync(c, filter, trace, token))));
        var targets = new List<LifecycleTarget>();
        foreach (var (connection, matches, problems, error) in found)
        {
            // What the host listed but could not be read is said, as Get-HvDomain says it, never dropped silently.
            foreach (var problem in problems)
            {
                StreamNotice.ForProblem(problem, connection.ComputerName).WriteTo(this);
            }
            if (error is not null)
            {
                WriteError(ErrorRecords.From(error, connection));
            }
            foreach (var domain in matches)
            {
                selection.Saw(domain);
                targets.Add(new LifecycleTarget(connection, domain));
            }
        }
        foreach (var missing in selection.Missing())
        {
            WriteError(missing);
        }
        targets.ForEach(AddTarget);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var approved = _targets.Where(Confirm).ToArray();
        if (approved.Length == 0)
        {
            return;
        }

        var options = CustomizeOptions(new StateChangeOptions
        {
            WaitForCompletion = !NoWait,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
        });
        var events = Channel.CreateUnbounded<LifecycleEvent>(new UnboundedChannelOptions { SingleReader = true });
        var unfinished = new UnfinishedWork();
        var progress = new LifecycleProgress(MyInvocation.MyCommand.Name, IsInteractive);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        var batch = LifecycleBatch.RunAsync(approved, Operation, options, ThrottleLimit, TraceSink, events.Writer, stop.Token);
        try
        {
            while (Wait(token => events.Reader.WaitToReadAsync(token).AsTask()))
            {
                while (events.Reader.TryRead(out var lifecycleEvent))
                {
                    unfinished.Observe(lifecycleEvent);
                    Report(lifecycleEvent, progress);
                }
            }
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C: the jobs go on without us; say which, while the pipeline thread still may.
            while (events.Reader.TryRead(out var late))
            {
                unfinished.Observe(late);
            }
            WarnUnfinished(unfinished);
            throw;
        }
        finally
        {
            stop.Cancel();
            try
            {
                batch.GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Each domain's failure was reported as its own error; cancellation is expected here.
            }
        }
    }

    private void Report(LifecycleEvent lifecycleEvent, LifecycleProgress progress)
    {
        switch (lifecycleEvent)
        {
            case LifecycleJobUpdate update:
                if (update.Status.Elapsed == TimeSpan.Zero)
                {
                    WriteVerbose($"{Describe(update.Target)}: the host started job {update.Status.InstanceId}.");
                }
                if (progress.Update(update.Target, update.Status) is { } record)
                {
                    WriteProgress(record);
                }
                break;
            case LifecycleSucceeded done:
                Close(progress, done.Target);
                WriteVerbose(done.Result.Completed
                    ? $"{Describe(done.Target)}: done; it is now {done.Result.Domain.HyperVState}."
                    : $"{Describe(done.Target)}: accepted (job {done.Result.JobInstanceId}); not waiting for it.");
                if (PassThru)
                {
                    WriteObject(done.Result.Domain);
                }
                break;
            case LifecycleFailed failed:
                Close(progress, failed.Target);
                WriteError(ToErrorRecord(failed.Error, failed.Target));
                break;
        }
    }

    private void Close(LifecycleProgress progress, HvDomain domain)
    {
        if (progress.Complete(domain) is { } record)
        {
            WriteProgress(record);
        }
    }

    private static ErrorRecord ToErrorRecord(Exception error, HvDomain target)
    {
        var record = ErrorRecords.From(error, target);
        var recommended = error switch
        {
            HvLifecycleException lifecycle => lifecycle.RecommendedAction,
            HvJobException job => job.RecommendedAction,
            _ => null,
        };
        if (recommended is not null)
        {
            record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = recommended };
        }
        return record;
    }

    private void WarnUnfinished(UnfinishedWork unfinished)
    {
        foreach (var (domain, jobId) in unfinished.Items)
        {
            var message = jobId is null
                ? $"Stopped waiting for {Describe(domain)}: its {DomainStateChange.MethodName(Operation)} request was in flight and may still take effect. Check it with Get-HvDomain -Uuid {domain.Uuid:D}."
                : $"Stopped waiting for {Describe(domain)}: job {jobId} is still running on the host and may still complete. Check it with Get-HvDomain -Uuid {domain.Uuid:D}.";
            try
            {
                WriteWarning(message);
            }
            catch (PipelineStoppedException)
            {
                // The pipeline no longer takes records; the console still shows the warning.
                Host.UI.WriteWarningLine(message);
            }
        }
    }

    private bool Confirm(LifecycleTarget lifecycleTarget)
    {
        var domain = lifecycleTarget.Domain;
        var requested = DomainStateChange.RequestedState(Operation, lifecycleTarget.Session.WmiApi);
        var action = requested is { } state
            ? $"{DomainStateChange.ActionName(Operation)} (RequestStateChange {state})"
            : $"{DomainStateChange.ActionName(Operation)} (InitiateShutdown)";
        var target = $"{domain.Name} ({domain.Uuid:D}) on {domain.ComputerName}";
        if (!ShouldProcess(target, action))
        {
            return false;
        }
        // The cmdlets declare ConfirmImpact Medium; a High-impact switch asks as High would, unless -Confirm was given either way.
        if (!IsHighImpact || MyInvocation.BoundParameters.ContainsKey("Confirm") || !IsConfirmPreferenceHigh())
        {
            return true;
        }
        try
        {
            return ShouldContinue($"Are you sure you want to {DomainStateChange.Verb(Operation)} {target}?", action, ref _yesToAll, ref _noToAll);
        }
        catch (Exception ex) when (ex is System.Management.Automation.Host.HostException or PSInvalidOperationException)
        {
            // pwsh -NonInteractive, jobs and runbooks cannot ask; PowerShell's own text does not say what to do.
            var switches = string.Join(" ", HighImpactSwitches.Where(MyInvocation.BoundParameters.ContainsKey).Select(name => "-" + name));
            WriteError(new ErrorRecord(ex, "ConfirmationRequired", ErrorCategory.InvalidOperation, domain)
            {
                ErrorDetails = new ErrorDetails(
                    $"{MyInvocation.MyCommand.Name} {switches} asks for confirmation (ConfirmImpact High), and this session cannot prompt: to run it unattended, add -Confirm:$false.")
                {
                    RecommendedAction = "To run it unattended, add -Confirm:$false.",
                },
            });
            return false;
        }
    }

    private static readonly string[] HighImpactSwitches = ["TurnOff", "Reset", "Force"];

    private bool IsConfirmPreferenceHigh() => GetVariableValue("ConfirmPreference") switch
    {
        ConfirmImpact impact => impact == ConfirmImpact.High,
        string text => string.Equals(text, nameof(ConfirmImpact.High), StringComparison.OrdinalIgnoreCase),
        _ => true,
    };

    private void AddTarget(LifecycleTarget target)
    {
        if (_seen.Add((target.Domain.ConnectionId, target.Domain.Uuid)))
        {
            _targets.Add(target);
        }
    }

    private static string Describe(HvDomain domain) => $"domain '{domain.Name}' on {domain.ComputerName}";
}
