namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// How long a guest with integration services takes, after its VM reaches Running, to answer the
/// heartbeat and then to report its IP addresses (Msvm_GuestNetworkAdapterConfiguration). A
/// resumed VM keeps its guest up: the delays count from the last start, not the resume.
/// </summary>
/// <param name="HeartbeatDelay">Running to heartbeat OK.</param>
/// <param name="AddressDelay">Running to addresses; never before the heartbeat.</param>
public sealed record GuestBootTiming(TimeSpan HeartbeatDelay, TimeSpan AddressDelay)
{
    /// <summary>Heartbeat after 3 s, addresses after 8 s.</summary>
    public static GuestBootTiming Default { get; } = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8));

    /// <summary>No delay: heartbeat and addresses as soon as the VM runs.</summary>
    public static GuestBootTiming Immediate { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>When addresses appear: not before the heartbeat.</summary>
    public TimeSpan EffectiveAddressDelay => AddressDelay > HeartbeatDelay ? AddressDelay : HeartbeatDelay;
}

/// <summary>What the guest's heartbeat integration service reports.</summary>
public enum GuestHeartbeat
{
    /// <summary>No heartbeat: the VM is not running or has no integration services.</summary>
    None,

    /// <summary>Running, the guest has not answered yet (booting) or is paused.</summary>
    NoContact,

    /// <summary>The guest answers.</summary>
    Ok,
}

/// <summary>
/// The guest's view of a VM at a moment: heartbeat and whether it reports addresses. The
/// simulator's Msvm_GuestNetworkAdapterConfiguration and anything that reports the heartbeat
/// (GetSummaryInformation) read it from here, so they agree.
/// </summary>
internal static class GuestState
{
    public static GuestHeartbeat HeartbeatOf(VmRecord vm, DateTimeOffset now, GuestBootTiming timing)
    {
        if (!vm.Spec.IntegrationServices || !EnabledStates.HasWorkerProcess(vm.State))
        {
            return GuestHeartbeat.None;
        }

        return vm.State == EnabledStates.Enabled && vm.RunningSince is { } since && now - since >= timing.HeartbeatDelay
            ? GuestHeartbeat.Ok
            : GuestHeartbeat.NoContact;
    }

    /// <summary>Whether the guest reports its addresses now.</summary>
    public static bool HasAddresses(VmRecord vm, DateTimeOffset now, GuestBootTiming timing) =>
        vm.Spec.IntegrationServices && vm.State == EnabledStates.Enabled && vm.RunningSince is { } since && now - since >= timing.EffectiveAddressDelay;

    /// <summary>When the guest will report addresses, or null when it does or never will in this state.</summary>
    public static DateTimeOffset? AddressesDue(VmRecord vm, DateTimeOffset now, GuestBootTiming timing) =>
        vm.Spec.IntegrationServices && vm.State == EnabledStates.Enabled && vm.RunningSince is { } since && now - since < timing.EffectiveAddressDelay
            ? since + timing.EffectiveAddressDelay
            : null;
}
