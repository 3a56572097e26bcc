using HyperVLibvirt.Core.Management;

namespace HyperVLibvirt.Core.Tests.Management;

/// <summary>libvirt's rounding: KiB up to MiB, then up to an even MiB.</summary>
public sealed class MemoryRoundingTests
{
    [Theory]
    [InlineData(1UL << 30, 1024UL)]
    [InlineData((1UL << 30) + 1, 1026UL)] // one byte more: a KiB more, a MiB more, then even
    [InlineData(1025UL * 1024 * 1024, 1026UL)] // odd MiB round up
    [InlineData(1UL, 2UL)]
    [InlineData(2UL * 1024 * 1024, 2UL)]
    [InlineData(3UL * 1024 * 1024 - 1, 4UL)]
    public void Bytes_become_even_mebibytes_rounded_up(ulong bytes, ulong mib) => Assert.Equal(mib, MemoryRounding.ToHyperVMiB(bytes));

    [Fact]
    public void Zero_is_refused() => Assert.Throws<ArgumentOutOfRangeException>(() => MemoryRounding.ToHyperVMiB(0));
}
