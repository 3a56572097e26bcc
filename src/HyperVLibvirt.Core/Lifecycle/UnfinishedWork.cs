using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// Follows a batch's events to know, at any moment, which domains have a job still running on
/// their host and which have a request whose fate is unknown: what to tell the user when they
/// stop waiting. Not thread-safe: feed it from the one thread that reads the events.
/// </summary>
public sealed class UnfinishedWork
{
    private readonly Dictionary<HvDomain, string?> _pending = new(ReferenceEqualityComparer.Instance);

    /// <summary>Takes one event into account.</summary>
    public void Observe(LifecycleEvent lifecycleEvent)
    {
        ArgumentNullException.ThrowIfNull(lifecycleEvent);
        switch (lifecycleEvent)
        {
            case LifecycleRequestSending sending:
                _pending[sending.Target] = null;
                break;
            case LifecycleJobUpdate update:
                _pending[update.Target] = update.Status.InstanceId;
                break;
            default:
                _pending.Remove(lifecycleEvent.Target);
                break;
        }
    }

    /// <summary>Domains whose request was sent and not yet answered, with the job's InstanceID when one started.</summary>
    public IReadOnlyList<(HvDomain Domain, string? JobInstanceId)> Items => _pending.Select(p => (p.Key, p.Value)).ToArray();
}
