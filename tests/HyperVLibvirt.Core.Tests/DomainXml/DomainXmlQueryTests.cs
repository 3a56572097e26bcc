using HyperVLibvirt.Core.DomainXml;

namespace HyperVLibvirt.Core.Tests.DomainXml;

public class DomainXmlQueryTests
{
    private static readonly Guid Vm = Guid.Parse("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51");

    [Fact]
    public void A_few_domains_are_asked_for_by_instance_id_prefix() =>
        Assert.Equal(
            "SELECT HostResource, InstanceID, Parent, ResourceSubType, ResourceType FROM Msvm_StorageAllocationSettingData"
            + " WHERE InstanceID LIKE 'Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51%'",
            DomainXmlQuery.ComponentSettings("Msvm_StorageAllocationSettingData", [Vm]));

    [Fact]
    public void A_few_vssds_are_asked_for_by_instance_id() =>
        Assert.Equal(
            "SELECT InstanceID, Notes, VirtualSystemIdentifier, VirtualSystemSubType, VirtualSystemType FROM Msvm_VirtualSystemSettingData"
            + " WHERE InstanceID = 'Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51'",
            DomainXmlQuery.SystemSettings([Vm]));

    [Fact]
    public void Many_domains_fetch_the_whole_class_in_one_query()
    {
        var many = Enumerable.Range(0, DomainXmlQuery.PerDomainFilterLimit + 1).Select(_ => Guid.NewGuid()).ToArray();

        Assert.Equal("SELECT InstanceID, Limit, VirtualQuantity FROM Msvm_MemorySettingData WHERE InstanceID LIKE 'Microsoft:%'",
            DomainXmlQuery.ComponentSettings("Msvm_MemorySettingData", many));
        Assert.Equal("SELECT InstanceID, Notes, VirtualSystemIdentifier, VirtualSystemSubType, VirtualSystemType FROM Msvm_VirtualSystemSettingData"
            + " WHERE VirtualSystemType = 'Microsoft:Hyper-V:System:Realized'",
            DomainXmlQuery.SystemSettings(many));
    }

    [Fact]
    public void A_host_without_generations_is_not_asked_for_the_subtype() =>
        Assert.Equal(
            "SELECT InstanceID, Notes, VirtualSystemIdentifier, VirtualSystemType FROM Msvm_VirtualSystemSettingData"
            + " WHERE InstanceID = 'Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51'",
            DomainXmlQuery.SystemSettings([Vm], withGeneration: false));

    [Fact]
    public void Refuses_a_class_it_does_not_read() =>
        Assert.Throws<ArgumentException>(() => DomainXmlQuery.ComponentSettings("Msvm_Keyboard", [Vm]));

    [Fact]
    public void Disk_drives_are_asked_for_by_device_id_once_each() =>
        Assert.Equal(@"SELECT * FROM Msvm_DiskDrive WHERE DeviceID = 'Microsoft:A\\1' OR DeviceID = 'Microsoft:B\\2'",
            DomainXmlQuery.DiskDrives([@"Microsoft:A\1", @"microsoft:a\1", @"Microsoft:B\2"]));

    [Fact]
    public void Escapes_like_libvirt_for_text_and_attributes() =>
        Assert.Equal("a&lt;b&gt;&amp;&quot;&apos;\tc\n", LibvirtXmlText.Escape("a<b>&\"'\tc\u0001\n"));
}
