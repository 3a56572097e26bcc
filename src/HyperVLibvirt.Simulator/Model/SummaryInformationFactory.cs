namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Builds the Msvm_SummaryInformation instances GetSummaryInformation returns, one per VM, with only the
/// properties asked for by RequestedInformation code (Microsoft's GetSummaryInformation documentation:
/// 0 Name, 1 ElementName, 2 CreationTime, 3 Notes, 4 NumberOfProcessors, 10 Version, 100 EnabledState,
/// 101 ProcessorLoad, 103 MemoryUsage, 104 Heartbeat, 105 Uptime, 109 HealthState, 110 OperationalStatus,
/// 111 StatusDescriptions); codes it does not model are ignored, as a host ignores codes that do not apply.
/// </summary>
/// <remarks>
/// Values follow the VM's state: processor load only while running, memory while the worker process holds
/// it (running, paused, starting...), uptime from the time it last started. The heartbeat is the guest's
/// (<see cref="GuestState"/>, as Msvm_GuestNetworkAdapterConfiguration sees it): OK (2) once a booted guest
/// with integration services answers, No Contact (12) while it boots or is paused, null when no guest
/// service runs (VM not running, or no integration services).
/// </remarks>
internal sealed class SummaryInformationFactory
{
    /// <summary>The codes this factory fills.</summary>
    public const uint Name = 0, ElementName = 1, CreationTime = 2, Notes = 3, NumberOfProcessors = 4, Version = 10,
        EnabledState = 100, ProcessorLoad = 101, MemoryUsage = 103, Heartbeat = 104, Uptime = 105, HealthState = 109,
        OperationalStatus = 110, StatusDescriptions = 111;

    /// <summary>Heartbeat values of Msvm_SummaryInformation.Heartbeat.</summary>
    public const ushort HeartbeatOk = 2, HeartbeatNoContact = 12;

    private readonly HostNamespace _ns;
    private readonly HostLanguage _language;
    private readonly GuestBootTiming _timing;

    public SummaryInformationFactory(HostNamespace ns, HostLanguage language, GuestBootTiming timing)
    {
        _ns = ns;
        _language = language;
        _timing = timing;
    }

    public CimInstance Summary(VmRecord vm, IReadOnlySet<uint> requested, DateTimeOffset now)
    {
        var s = _ns.New("Msvm_SummaryInformation");
        var running = vm.State == EnabledStates.Enabled;
        var holdsMemory = EnabledStates.HasWorkerProcess(vm.State);
        foreach (var code in requested)
        {
            switch (code)
            {
                case Name:
                    s["Name"] = vm.Name;
                    break;
                case ElementName:
                    s["ElementName"] = vm.Spec.Name;
                    break;
                case CreationTime:
                    s["CreationTime"] = vm.Created;
                    break;
                case Notes:
                    s["Notes"] = vm.Spec.Notes ?? string.Empty;
                    break;
                case NumberOfProcessors:
                    s["NumberOfProcessors"] = CimValues.UInt((ulong)vm.Spec.VirtualProcessors);
                    break;
                case Version:
                    // The VSSD's configuration version (VmInstanceFactory writes the same); v1 hosts have no such code.
                    s["Version"] = _ns.IsV1 ? null : "9.0";
                    break;
                case EnabledState:
                    s["EnabledState"] = CimValues.UInt(EnabledStates.ForNamespace(vm.State, _ns.IsV1));
                    break;
                case ProcessorLoad:
                    s["ProcessorLoad"] = CimValues.UInt(running ? LoadOf(vm) : 0u);
                    break;
                case MemoryUsage:
                    s["MemoryUsage"] = CimValues.UInt(holdsMemory ? vm.Spec.MemoryMB : 0u);
                    break;
                case Heartbeat:
                    s["Heartbeat"] = GuestState.HeartbeatOf(vm, now, _timing) switch
                    {
                        GuestHeartbeat.Ok => CimValues.UInt(HeartbeatOk),
                        GuestHeartbeat.NoContact => CimValues.UInt(HeartbeatNoContact),
                        _ => null,
                    };
                    break;
                case Uptime:
                    s["UpTime"] = CimValues.UInt(running && vm.RunningSince is { } since ? (ulong)Math.Max(0, (now - since).TotalMilliseconds) : 0u);
                    break;
                case HealthState:
                    s["HealthState"] = CimValues.UInt(5);
                    break;
                case OperationalStatus:
                    s["OperationalStatus"] = CimValues.UIntArray(2);
                    break;
                case StatusDescriptions:
                    s["StatusDescriptions"] = CimValues.StringArray(_language.OperatingNormally);
                    break;
            }
        }

        return s;
    }

    // A steady load per VM (1-40 %), derived from its id so that the same inventory shows the same numbers.
    private static ulong LoadOf(VmRecord vm) => (ulong)(vm.Spec.Id.ToByteArray()[0] % 40) + 1;
}
