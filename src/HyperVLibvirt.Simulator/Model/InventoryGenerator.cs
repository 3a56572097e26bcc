namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Generates a deterministic inventory from a seed: the same seed and count give the same VMs.
/// The first VMs cover the stable states (running, off, saved, paused, in that order, so a small
/// host has running and off), or every state when asked; the rest are mostly running or off.
/// </summary>
public static class InventoryGenerator
{
    private static readonly int[] ProcessorChoices = [1, 2, 2, 4, 4, 8, 16];
    private static readonly ulong[] MemoryChoices = [512, 1024, 2048, 2048, 4096, 8192, 16384];

    /// <summary>Generates <paramref name="count"/> VMs named <c>vm-001</c>, <c>vm-002</c>, ….</summary>
    /// <param name="count">How many VMs (zero or more).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="v1States">With <paramref name="allStates"/>: cover the v1 state set (no v2-only Starting/Shutting down).</param>
    /// <param name="allStates">Begin with one VM in every state, transitional ones included.</param>
    public static IReadOnlyList<VirtualMachineSpec> Generate(int count, int seed, bool v1States = false, bool allStates = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var coverage = !allStates ? EnabledStates.StableStates : v1States ? EnabledStates.V1States : EnabledStates.V2States;
        var width = Math.Max(3, count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var vms = new VirtualMachineSpec[count];
        var guidBytes = new byte[16];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(guidBytes);
            guidBytes[7] = (byte)((guidBytes[7] & 0x0F) | 0x40); // version 4
            guidBytes[8] = (byte)((guidBytes[8] & 0x3F) | 0x80); // RFC 4122 variant
            var state = i < coverage.Count ? coverage[i] : PickCommonState(random);
            var memory = MemoryChoices[random.Next(MemoryChoices.Length)];
            var dynamic = random.Next(3) == 0;
            vms[i] = new VirtualMachineSpec(
                new Guid(guidBytes),
                "vm-" + (i + 1).ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture),
                state,
                ProcessorChoices[random.Next(ProcessorChoices.Length)],
                memory,
                dynamic ? memory * 2 : memory,
                dynamic,
                AutoStart: random.Next(4) == 0,
                ProcessId: null,
                IntegrationServices: random.Next(10) != 0,
                Notes: null,
                FailJobs: false);
        }

        return vms;
    }

    private static ushort PickCommonState(Random random) => random.Next(20) switch
    {
        < 11 => EnabledStates.Enabled,
        < 17 => EnabledStates.Disabled,
        < 19 => EnabledStates.EnabledButOffline,
        _ => EnabledStates.Quiesce,
    };
}
