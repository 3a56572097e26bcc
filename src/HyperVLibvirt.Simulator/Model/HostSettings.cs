namespace HyperVLibvirt.Simulator.Model;

/// <summary>What the simulated host is: its Windows release, language, inventory and timing.</summary>
public sealed class HostSettings
{
    /// <summary>Profile name: ws2008, ws2008r2, ws2012, ws2012r2, ws2016, ws2019, ws2022 or ws2025.</summary>
    public string Profile { get; set; } = "ws2019";

    /// <summary>The host's computer name (Msvm_ComputerSystem.Name of the host, __SERVER).</summary>
    public string ComputerName { get; set; } = "HV-SIM01";

    /// <summary>UI language for localized captions: en-US or ja-JP.</summary>
    public string Language { get; set; } = "en-US";

    /// <summary>How many VMs to generate when no inventory file is given.</summary>
    public int VmCount { get; set; } = 8;

    /// <summary>Seed for the generated inventory (same seed, same VMs).</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Whether the generated VMs begin with one in every EnabledState a host can show (Starting,
    /// Snapshotting, Migrating, ...), held there for clients to be tested against. Off, a
    /// generated host looks like one at rest: running, off, saved and paused VMs only, and the
    /// transitional states show only while a requested change runs.
    /// </summary>
    public bool AllStates { get; set; }

    /// <summary>A JSON inventory file to load instead of generating VMs.</summary>
    public string? InventoryPath { get; set; }

    /// <summary>How long a state-change job takes from start to Completed.</summary>
    public TimeSpan JobDuration { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a guest with integration services takes, once its VM runs, to answer the heartbeat
    /// and to report IP addresses (<see cref="GuestBootTiming.Immediate"/> for none).
    /// </summary>
    public GuestBootTiming GuestBoot { get; set; } = GuestBootTiming.Default;

    /// <summary>The clock; tests replace it to step time.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
}
