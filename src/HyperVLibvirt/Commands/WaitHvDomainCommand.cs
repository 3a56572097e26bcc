using System.Management.Automation;
using System.Net.Sockets;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Waits until domains reach a state, report an OK heartbeat, or report an IP address.</para>
/// </summary>
/// <remarks>
/// Domains are collected from the whole pipeline (a <see cref="DomainCollector"/>: one listing per host at the end, piped
/// domains as they came) and waited on together. Unlike the read cmdlets, -Name is mandatory: waiting on every domain of
/// a host is rarely meant.
/// </remarks>
[Cmdlet(VerbsLifecycle.Wait, "HvDomain", DefaultParameterSetName = "ByName")]
[OutputType(typeof(HvDomain))]
public sealed class WaitHvDomainCommand : HvDomainTargetCmdletBase
{
    /// <summary>Wait until each domain is in this libvirt state and no longer in transition.</summary>
    [Parameter]
    public HvDomainState? State { get; set; }

    /// <summary>Wait until each guest's heartbeat is OK (the integration services answer).</summary>
    [Parameter]
    public SwitchParameter Heartbeat { get; set; }

    /// <summary>Wait until each guest reports an IP address that is not link-local.</summary>
    [Parameter]
    public SwitchParameter IPAddress { get; set; }

    /// <summary>With -IPAddress (which it implies): only an address of this family counts.</summary>
    [Parameter]
    [ValidateSet("IPv4", "IPv6")]
    public string? Family { get; set; }

    /// <summary>How long to wait for all the domains, in seconds (default 300).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = (int)WaitOptions.DefaultTimeout.TotalSeconds;

    /// <summary>Write each domain, read again with Get-VM's columns, once it gets there.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private WaitCondition? _condition;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var ip = IPAddress || Family is not null;
        var asked = (State is null ? 0 : 1) + (Heartbeat ? 1 : 0) + (ip ? 1 : 0);
        if (asked != 1)
        {
            ThrowTerminatingError(ErrorRecords.Create(
                asked == 0 ? "Say what to wait for." : "Wait for one thing at a time.",
                asked == 0 ? "WaitConditionMissing" : "WaitConditionsConflict", ErrorCategory.InvalidArgument, null,
                "Pass one of -State <state>, -Heartbeat or -IPAddress (optionally with -Family IPv4 or IPv6)."));
        }
        _condition = new WaitCondition
        {
            State = State,
            Heartbeat = Heartbeat,
            IPAddress = ip,
            Family = Family switch
            {
                "IPv4" => AddressFamily.InterNetwork,
                "IPv6" => AddressFamily.InterNetworkV6,
                _ => null,
            },
        };
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var targets = CollectedTargets();
        if (targets.Count == 0)
        {
            return;
        }
        var waiter = new DomainWaiter(TraceSink, new WaitOptions { Timeout = TimeSpan.FromSeconds(TimeoutSec), ReadReached = PassThru });
        var progress = IsInteractive ? new ProgressRecord(Math.Abs(nameof(WaitHvDomainCommand).GetHashCode() % 10000) + 1,
            $"Waiting for {_condition!.Describe()}", "Starting") : null;
        var events = waiter.WaitAsync(targets, _condition!, CancellationToken).GetAsyncEnumerator(CancellationToken);
        try
        {
            while (Wait(_ => events.MoveNextAsync().AsTask()))
            {
                Write(events.Current, progress);
            }
        }
        finally
        {
            try
            {
                Wait(_ => events.DisposeAsync().AsTask());
            }
            catch (Exception ex) when (ex is OperationCanceledException or PipelineStoppedException)
            {
            }
            if (progress is { StatusDescription: not "Starting" })
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }
    }

    private void Write(WaitEvent e, ProgressRecord? progress)
    {
        switch (e.Kind)
        {
            case WaitEventKind.Reached:
                WriteVerbose($"{e.Domain!.Name} on {e.ComputerName} reached {_condition!.Describe()} after {e.Elapsed.TotalSeconds:0.#} s.");
                if (PassThru)
                {
                    var shown = new PSObject(e.Domain);
                    if (e.Domain.GetSummary() is not null)
                    {
                        shown.TypeNames.Insert(0, GetHvDomainCommand.SummaryTypeName);
                    }
                    WriteObject(shown);
                }
                break;
            case WaitEventKind.Failed:
                var record = ErrorRecords.From(e.Error!, (object?)e.Domain ?? e.ComputerName);
                if (e.Error is HvWaitException wait)
                {
                    record.ErrorDetails = new ErrorDetails(wait.Message) { RecommendedAction = wait.RecommendedAction };
                }
                WriteError(record);
                break;
            case WaitEventKind.HostFailed:
                WriteError(ErrorRecords.From(e.Error!, e.ComputerName));
                break;
            case WaitEventKind.Progress when progress is not null:
                progress.StatusDescription = $"{e.Done} of {e.Total} done, {e.Elapsed.TotalSeconds:0} s of {TimeoutSec} s; {e.Status}";
                progress.PercentComplete = (int)Math.Min(100, e.Elapsed.TotalSeconds * 100 / TimeoutSec);
                WriteProgress(progress);
                break;
        }
    }
}
