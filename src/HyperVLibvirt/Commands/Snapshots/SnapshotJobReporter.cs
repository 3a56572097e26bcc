using System.Globalization;
using System.Management.Automation;
using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Commands.Snapshots;

/// <summary>
/// What the snapshot-changing cmdlets show while a job runs and when one fails: one progress bar, shown once a job has run
/// long enough to notice (a second) and never in a non-interactive session, and error records that carry the exception's
/// advice as their RecommendedAction.
/// </summary>
internal sealed class SnapshotJobReporter
{
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);
    private readonly ProgressRecord _record;
    private readonly bool _enabled;
    private bool _shown;

    public SnapshotJobReporter(string activity, bool enabled)
    {
        _record = new ProgressRecord(1, activity, "Waiting for the host");
        _enabled = enabled;
    }

    /// <summary>The record to write for a job reading about <paramref name="what"/>, or null when nothing should be shown.</summary>
    public ProgressRecord? Update(string what, JobStatus status)
    {
        if (!_enabled || (!_shown && status.Elapsed < Threshold))
        {
            return null;
        }
        _shown = true;
        _record.RecordType = ProgressRecordType.Processing;
        _record.StatusDescription = string.Create(CultureInfo.InvariantCulture, $"{what}: job {status.InstanceId} {status.PercentComplete ?? 0}%");
        _record.PercentComplete = Math.Clamp(status.PercentComplete ?? 0, 0, 100);
        return _record;
    }

    /// <summary>
    /// Options for one change: its job's readings update the bar on the pipeline thread (<paramref name="post"/> runs an action
    /// there; <paramref name="writeProgress"/> writes the record), the wait bounded by <paramref name="timeout"/>.
    /// </summary>
    public StateChangeOptions Options(Action<Action> post, Action<ProgressRecord> writeProgress, string what, TimeSpan timeout) => new()
    {
        Timeout = timeout,
        OnJobStatus = status => post(() =>
        {
            if (Update(what, status) is { } record)
            {
                writeProgress(record);
            }
        }),
    };

    /// <summary>The record that closes the bar, or null when none is shown.</summary>
    public ProgressRecord? Complete()
    {
        if (!_shown)
        {
            return null;
        }
        _shown = false;
        _record.RecordType = ProgressRecordType.Completed;
        return _record;
    }

    /// <summary>The error record for a failed change, with the exception's advice.</summary>
    public static ErrorRecord ToErrorRecord(Exception error, object target)
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
}
