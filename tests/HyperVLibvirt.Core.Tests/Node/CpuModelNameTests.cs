using HyperVLibvirt.Core.Node;

namespace HyperVLibvirt.Core.Tests.Node;

/// <summary>libvirt's hypervNodeGetInfo model cleaning, case by case.</summary>
public sealed class CpuModelNameTests
{
    [Theory]
    [InlineData("Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz", "Intel Xeon Gold 6148 CPU")]
    [InlineData("Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz", "Intel Core i7-8700 CPU")]
    [InlineData("Intel(R) Xeon(R) CPU           E5-2670 0 @ 2.60GHz", "Intel Xeon CPU E5-2670 0")]
    [InlineData("AMD EPYC 7452 32-Core Processor                ", "AMD EPYC 7452 32-Core Processor ")]
    [InlineData("Vendor(C) Chip", "Vendor Chip")]
    [InlineData("(TM)(R)(C)", "")]
    [InlineData("", "")]
    public void CleansAsLibvirtDoes(string name, string expected) => Assert.Equal(expected, CpuModelName.Clean(name));

    [Fact]
    public void KeepsLowerCaseMarksBecauseLibvirtComparesCaseSensitively() =>
        Assert.Equal("Chip(r) x", CpuModelName.Clean("Chip(r) x"));

    [Fact]
    public void NullStaysNull() => Assert.Null(CpuModelName.Clean(null));

    [Theory]
    [InlineData("Intel Xeon Gold 6148 CPU", false)]
    [InlineData("1234567890123456789012345678901", false)]
    [InlineData("12345678901234567890123456789012", true)]
    public void KnowsLibvirtsThirtyOneByteLimit(string model, bool tooLong) => Assert.Equal(tooLong, CpuModelName.ExceedsLibvirtLimit(model));
}
