namespace HyperVLibvirt.Core.Management;

/// <summary>
/// libvirt's memory rounding for Hyper-V (hypervDomainSetMemoryFlags and hypervDomainSetMaxMemory in
/// src/hyperv/hyperv_driver.c): the size in KiB becomes MiB rounded up, then rounded up to an even number, because
/// Hyper-V takes memory in 2 MiB steps.
/// </summary>
public static class MemoryRounding
{
    private const ulong KiB = 1024;

    /// <summary>The MiB Hyper-V is asked for, given a size in bytes (bytes are first rounded up to whole KiB).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is 0.</exception>
    public static ulong ToHyperVMiB(ulong bytes)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bytes);
        var kib = CeilingDivide(bytes, KiB);
        var mib = CeilingDivide(kib, KiB);
        return mib + (mib % 2);
    }

    private static ulong CeilingDivide(ulong value, ulong divisor) => (value / divisor) + (value % divisor == 0 ? 0UL : 1UL);
}
