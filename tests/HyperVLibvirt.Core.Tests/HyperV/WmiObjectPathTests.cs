using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Tests.HyperV;

public class WmiObjectPathTests
{
    [Fact]
    public void Reads_the_instance_id_of_a_snapshot_parent_path()
    {
        const string path = @"\\HV-01\root\virtualization\v2:Msvm_VirtualSystemSettingData.InstanceID=""Microsoft:6B1C9D1E-27A8-4F59-9E0C-1A2B3C4D5E6F""";

        Assert.Equal("Microsoft:6B1C9D1E-27A8-4F59-9E0C-1A2B3C4D5E6F", WmiObjectPath.KeyValue(path, "InstanceID"));
    }

    [Fact]
    public void Unescapes_backslashes_and_quotes_in_the_value()
    {
        const string path = @"root\virtualization\v2:Msvm_ResourceAllocationSettingData.InstanceID=""Microsoft:A\\B\""C""";

        Assert.Equal(@"Microsoft:A\B""C", WmiObjectPath.KeyValue(path, "InstanceID"));
    }

    [Fact]
    public void Finds_a_key_after_another_one()
    {
        Assert.Equal("x", WmiObjectPath.KeyValue(@"\\H\root\cimv2:Win32_Thing.A=""1"",InstanceID=""x""", "InstanceID"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(@"\\H\root\virtualization\v2:Msvm_VirtualSystemSettingData.Other=""x""")]
    [InlineData(@"\\H\root\virtualization\v2:Msvm_VirtualSystemSettingData.InstanceID=""unterminated")]
    public void Gives_null_for_a_path_without_the_key(string? path)
    {
        Assert.Null(WmiObjectPath.KeyValue(path, "InstanceID"));
    }
}
