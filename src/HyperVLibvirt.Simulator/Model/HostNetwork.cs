namespace HyperVLibvirt.Simulator.Model;

/// <summary>How a virtual switch reaches the outside (Get-VMSwitch's SwitchType).</summary>
public enum SwitchKind
{
    /// <summary>Bound to a physical adapter (an Msvm_ExternalEthernetPort).</summary>
    External,

    /// <summary>Connects VMs and the host.</summary>
    Internal,

    /// <summary>Connects VMs only.</summary>
    Private,
}

/// <summary>A physical network adapter of the host.</summary>
/// <param name="Id">The GUID in its DeviceID (<c>Microsoft:{GUID}</c>).</param>
/// <param name="Name">The adapter's description (Name and ElementName).</param>
/// <param name="PermanentAddress">MAC address, twelve hex digits.</param>
/// <param name="Speed">Link speed in bits per second.</param>
public sealed record ExternalPortSpec(Guid Id, string Name, string PermanentAddress, ulong Speed);

/// <summary>A virtual switch of the host.</summary>
/// <param name="Id">Msvm_VirtualEthernetSwitch.Name.</param>
/// <param name="Name">ElementName, what users call the switch.</param>
/// <param name="Kind">External, internal or private.</param>
/// <param name="HealthState">5 (OK) or 20 (major failure: an external switch whose adapter is gone).</param>
/// <param name="ExternalPort">The bound adapter of an external switch.</param>
public sealed record SwitchSpec(Guid Id, string Name, SwitchKind Kind, ushort HealthState, ExternalPortSpec? ExternalPort);

/// <summary>
/// The host's virtual switches and physical adapters: the same for every generated host (the
/// GUIDs come from the computer name), so tests and help examples can name them.
/// </summary>
public static class HostNetwork
{
    /// <summary>Windows' own NAT switch keeps this GUID on every host that has it.</summary>
    public static readonly Guid DefaultSwitchId = new("c08cb7b8-9b3c-408e-8e30-5e16a3aeb444");

    /// <summary>The switches of a host, healthy ones first; VMs connect only to those.</summary>
    public static IReadOnlyList<SwitchSpec> For(string computerName)
    {
        var lan = new ExternalPortSpec(StableGuid.From("port:0@" + computerName.ToUpperInvariant()), "Intel(R) Ethernet Controller X710 for 10GbE SFP+", "3CFDFE0A1B2C", 10_000_000_000);
        var spare = new ExternalPortSpec(StableGuid.From("port:1@" + computerName.ToUpperInvariant()), "Intel(R) Ethernet Controller X710 for 10GbE SFP+ #2", "3CFDFE0A1B2D", 10_000_000_000);
        return
        [
            new SwitchSpec(DefaultSwitchId, SwitchNames[0], SwitchKind.Internal, 5, null),
            new SwitchSpec(StableGuid.From("switch:External@" + computerName.ToUpperInvariant()), SwitchNames[1], SwitchKind.External, 5, lan),
            new SwitchSpec(StableGuid.From("switch:Isolated@" + computerName.ToUpperInvariant()), SwitchNames[2], SwitchKind.Private, 5, null),
            // Its adapter failed: the switch stays, with HealthState 20, and libvirt's
            // network list (WHERE HealthState = 5, hyperv_network_driver.c) leaves it out.
            new SwitchSpec(StableGuid.From("switch:Backup@" + computerName.ToUpperInvariant()), SwitchNames[3], SwitchKind.External, 20, spare),
        ];
    }

    /// <summary>The switch names every host has, in order.</summary>
    public static IReadOnlyList<string> SwitchNames { get; } = ["Default Switch", "External", "Isolated", "Backup"];

    /// <summary>The switches VMs connect to (healthy ones).</summary>
    public static IReadOnlyList<string> ConnectableNames(IReadOnlyList<SwitchSpec> switches) =>
        switches.Where(s => s.HealthState == 5).Select(s => s.Name).ToArray();
}
