using HyperVLibvirt.Core.DomainXml;

namespace HyperVLibvirt.Core.Tests.DomainXml;

public class WmiPathTests
{
    private const string DiskDrivePath =
        @"\\HV01\root\virtualization\v2:Msvm_DiskDrive.CreationClassName=""Msvm_DiskDrive"",DeviceID=""Microsoft:5BB2A3DC-AB54-4C5B-9C8E-A6A1A9D2C3E4\\1"",SystemCreationClassName=""Msvm_ComputerSystem"",SystemName=""HV01""";

    [Fact]
    public void Reads_a_quoted_key_and_undoubles_its_backslashes() =>
        Assert.Equal(@"Microsoft:5BB2A3DC-AB54-4C5B-9C8E-A6A1A9D2C3E4\1", WmiPath.KeyValue(DiskDrivePath, "DeviceID"));

    [Fact]
    public void Reads_the_last_key() => Assert.Equal("HV01", WmiPath.KeyValue(DiskDrivePath, "SystemName"));

    [Fact]
    public void Reads_a_switch_name_from_a_port_host_resource() =>
        Assert.Equal("C08CB7B8-9B3C-408E-8E30-5E16A3AEB444", WmiPath.KeyValue(
            @"\\HV01\root\virtualization\v2:Msvm_VirtualEthernetSwitch.CreationClassName=""Msvm_VirtualEthernetSwitch"",Name=""C08CB7B8-9B3C-408E-8E30-5E16A3AEB444""",
            "Name"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a path")]
    public void Has_no_value_for_what_is_not_a_path(string? path) => Assert.Null(WmiPath.KeyValue(path, "DeviceID"));

    [Fact]
    public void Has_no_value_for_a_missing_key() => Assert.Null(WmiPath.KeyValue(DiskDrivePath, "Name"));
}
