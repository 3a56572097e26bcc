using System.Globalization;
using System.Management.Automation;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Commands.Lifecycle;

/// <summary>
/// Progress bars for the jobs of a lifecycle cmdlet: one per domain, shown only once its job
/// has run long enough to notice (a second) and never in a non-interactive session.
/// </summary>
internal sealed class LifecycleProgress
{
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);
    private readonly Dictionary<HvDomain, ProgressRecord> _shown = new(ReferenceEqualityComparer.Instance);
    private readonly string _activity;
    private readonly bool _enabled;
    private int _nextActivityId = 1;

    public LifecycleProgress(string activity, bool enabled)
    {
        _activity = activity;
        _enabled = enabled;
    }

    /// <summary>The record to write for a job reading, or null when nothing should be shown.</summary>
    public ProgressRecord? Update(HvDomain domain, JobStatus status)
    {
        if (!_enabled || (!_shown.ContainsKey(domain) && status.Elapsed < Threshold))
        {
            return null;
        }
        if (!_shown.TryGetValue(domain, out var record))
        {
            record = new ProgressRecord(_nextActivityId++, _activity, domain.Name);
            _shown[domain] = record;
        }
        record.StatusDescription = string.Create(CultureInfo.InvariantCulture,
            $"'{domain.Name}' on {domain.ComputerName}: job {status.InstanceId} {status.PercentComplete ?? 0}%");
        record.PercentComplete = Math.Clamp(status.PercentComplete ?? 0, 0, 100);
        return record;
    }

    /// <summary>The record that closes a domain's bar, or null when none was shown.</summary>
    public ProgressRecord? Complete(HvDomain domain)
    {
        if (!_shown.Remove(domain, out var record))
        {
            return null;
        }
        record.RecordType = ProgressRecordType.Completed;
        return record;
    }
}
