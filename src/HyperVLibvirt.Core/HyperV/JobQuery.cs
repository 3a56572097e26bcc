namespace HyperVLibvirt.Core.HyperV;

/// <summary>WQL for polling Hyper-V jobs.</summary>
public static class JobQuery
{
    /// <summary>The job with this InstanceID: <c>SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '&lt;id&gt;'</c>.</summary>
    public static string ByInstanceId(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return "SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = " + WqlEscape.Quoted(instanceId);
    }

    /// <summary>
    /// The jobs with any of these InstanceIDs, in one query:
    /// <c>SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '&lt;a&gt;' OR InstanceID = '&lt;b&gt;' …</c>.
    /// </summary>
    public static string ByInstanceIds(IReadOnlyCollection<string> instanceIds)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        if (instanceIds.Count == 0)
        {
            throw new ArgumentException("At least one InstanceID is needed.", nameof(instanceIds));
        }
        return "SELECT * FROM Msvm_ConcreteJob WHERE " + string.Join(" OR ", instanceIds.Select(id => "InstanceID = " + WqlEscape.Quoted(id)));
    }
}
