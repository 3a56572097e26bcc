using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.Storage;

/// <summary>Host paths checked on the client, and the job class a method's Job reference names.</summary>
public sealed class HostPathTests
{
    [Theory]
    [InlineData(@"C:\VMs\disk.vhdx", true)]
    [InlineData(@"d:\a", true)]
    [InlineData(@"\\filer\vms\disk.vhdx", true)]
    [InlineData(@"\\filer\vms", false)]
    [InlineData(@"C:\VMs\", false)]
    [InlineData(@"C:disk.vhdx", false)]
    [InlineData(@"disk.vhdx", false)]
    [InlineData(@"/var/disk.vhdx", false)]
    [InlineData(@"C:\VMs\a:b.vhdx", false)]
    [InlineData(@"C:\VMs\a|b.vhdx", false)]
    [InlineData("", false)]
    public void Only_absolute_paths_to_a_file_pass(string path, bool absolute) => Assert.Equal(absolute, HostPath.IsAbsolute(path));

    [Theory]
    [InlineData(@"C:\a.VHDX", VirtualHardDiskFormat.Vhdx)]
    [InlineData(@"C:\a.vhd", VirtualHardDiskFormat.Vhd)]
    [InlineData(@"C:\a.iso", null)]
    public void The_extension_names_the_format(string path, VirtualHardDiskFormat? format) => Assert.Equal(format, HostPath.FormatOf(path));

    [Theory]
    [InlineData("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_StorageJob", "Msvm_StorageJob")]
    [InlineData("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ConcreteJob", "Msvm_ConcreteJob")]
    [InlineData("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*", "Msvm_ConcreteJob")]
    [InlineData("http://x/Msvm_Evil Job", "Msvm_ConcreteJob")]
    public void A_job_is_read_from_the_class_its_reference_names(string resourceUri, string jobClass) =>
        Assert.Equal(jobClass, ServiceMethod.JobClassOf(new EndpointReference(resourceUri, [new("InstanceID", "X")])));
}
