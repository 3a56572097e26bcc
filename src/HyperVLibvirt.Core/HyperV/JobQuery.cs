namespace HyperVLibvirt.Core.HyperV;

/// <summary>WQL for polling Hyper-V jobs.</summary>
public static class JobQuery
{
    /// <summary>The class of the jobs Msvm_VirtualSystemManagementService and most Hyper-V services start.</summary>
    public const string ConcreteJobClass = "Msvm_ConcreteJob";

    /// <summary>The job with this InstanceID: <c>SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '&lt;id&gt;'</c>.</summary>
    public static string ByInstanceId(string instanceId) => ByInstanceId(instanceId, ConcreteJobClass);

    /// <summary>The job of <paramref name="jobClass"/> (such as Msvm_StorageJob) with this InstanceID.</summary>
    public static string ByInstanceId(string instanceId, string jobClass)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(jobClass);
        return "SELECT * FROM " + jobClass + " WHERE InstanceID = " + WqlEscape.Quoted(instanceId);
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
