namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The live state of one VM. Only the host changes it, under its state lock; the published
/// instances are rebuilt from it after each change.
/// </summary>
internal sealed class VmRecord
{
    public VmRecord(VirtualMachineSpec spec, DateTimeOffset created, bool defined = false)
    {
        Defined = defined;
        Spec = spec;
        Name = spec.Id.ToString("D");
        UpperId = Name.ToUpperInvariant();
        State = spec.State;
        Created = created;
        LastStateChange = created;
    }

    /// <summary>The VM's configuration; ModifyResourceSettings and ModifySystemSettings replace it with a changed copy.</summary>
    public VirtualMachineSpec Spec { get; set; }

    /// <summary>Msvm_ComputerSystem.Name: the GUID in lower case, as real hosts send it.</summary>
    public string Name { get; }

    /// <summary>The GUID in upper case, as real hosts write it inside InstanceIDs.</summary>
    public string UpperId { get; }

    public DateTimeOffset Created { get; }

    /// <summary>Whether DefineSystem made the VM while the host ran: it starts with no snapshots (an inventory VM's tree follows from its id).</summary>
    public bool Defined { get; }

    /// <summary>For a VM DefineSystem made, how many the host had defined before it (the order the host lists them in).</summary>
    public long DefinedSequence { get; init; }

    /// <summary>The current state, v2 numbering.</summary>
    public ushort State { get; set; }

    /// <summary>The state a running job will end in, or null.</summary>
    public ushort? TransitioningTo { get; set; }

    /// <summary>The RequestedState of the running job, or null when none.</summary>
    public ushort? Requested { get; set; }

    public uint? ProcessId { get; set; }

    public DateTimeOffset LastStateChange { get; set; }

    /// <summary>When the VM last started running, for OnTimeInMilliseconds.</summary>
    public DateTimeOffset? RunningSince { get; set; }

    public JobRecord? ActiveJob { get; set; }
}
