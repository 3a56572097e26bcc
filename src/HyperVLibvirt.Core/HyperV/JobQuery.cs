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
}
