using HyperVLibvirt.Core.DomainXml;

namespace HyperVLibvirt.Core.Tests.DomainXml;

public class DiskNamesTests
{
    [Theory]
    [InlineData(0, "hd", "hda")]
    [InlineData(3, "hd", "hdd")]
    [InlineData(25, "sd", "sdz")]
    [InlineData(26, "sd", "sdaa")]
    [InlineData(64, "sd", "sdbm")]
    [InlineData(255, "sd", "sdiv")]
    [InlineData(702, "sd", "sdaaa")]
    public void Names_disks_as_virIndexToDiskName(int index, string prefix, string expected) =>
        Assert.Equal(expected, DiskNames.FromIndex(index, prefix));

    [Fact]
    public void Refuses_a_negative_index() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DiskNames.FromIndex(-1, "hd"));
}
