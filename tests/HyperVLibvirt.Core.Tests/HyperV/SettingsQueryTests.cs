using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Tests.HyperV;

public class SettingsQueryTests
{
    // Exact texts from fixtures/libvirt-client/04-dominfo/index.tsv.
    [Fact]
    public void System_settings_of_a_vm_matches_libvirt()
    {
        Assert.Equal(
            "ASSOCIATORS OF {Msvm_ComputerSystem.CreationClassName='Msvm_ComputerSystem',Name='5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51'} WHERE AssocClass = Msvm_SettingsDefineState ResultClass = Msvm_VirtualSystemSettingData",
            SettingsQuery.SystemSettingsOf(Guid.Parse("5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51")));
    }

    [Theory]
    [InlineData("Msvm_ProcessorSettingData")]
    [InlineData("Msvm_MemorySettingData")]
    public void Components_of_a_vssd_match_libvirt(string resultClass)
    {
        Assert.Equal(
            "ASSOCIATORS OF {Msvm_VirtualSystemSettingData.InstanceID='Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51'} WHERE AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = "
            + resultClass,
            SettingsQuery.ComponentsOf("Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51", resultClass));
    }

    [Fact]
    public void Component_instance_id_is_escaped()
    {
        Assert.Contains("InstanceID='Microsoft:X\\\\Y\\'Z'", SettingsQuery.ComponentsOf("Microsoft:X\\Y'Z", "Msvm_MemorySettingData"));
    }

    [Theory]
    [InlineData("Msvm_Memory SettingData")]
    [InlineData("Msvm_X WHERE 1=1")]
    [InlineData("1Class")]
    [InlineData("")]
    public void Result_class_must_be_a_class_name(string resultClass)
    {
        Assert.ThrowsAny<ArgumentException>(() => SettingsQuery.ComponentsOf("Microsoft:X", resultClass));
        Assert.ThrowsAny<ArgumentException>(() => SettingsQuery.AllComponentSettings(resultClass));
    }

    [Fact]
    public void Batched_queries()
    {
        Assert.Equal(
            "SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemType = 'Microsoft:Hyper-V:System:Realized'",
            SettingsQuery.AllRealizedSystemSettings);
        Assert.Equal("SELECT * FROM Msvm_ProcessorSettingData WHERE InstanceID LIKE 'Microsoft:%'", SettingsQuery.AllProcessorSettings);
        Assert.Equal("SELECT * FROM Msvm_MemorySettingData WHERE InstanceID LIKE 'Microsoft:%'", SettingsQuery.AllMemorySettings);
    }

    [Fact]
    public void Job_query_matches_libvirt_and_escapes()
    {
        Assert.Equal(
            "SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = 'C2D2F4B9-0A51-4C1B-8E5A-6E0C9B5B1234'",
            JobQuery.ByInstanceId("C2D2F4B9-0A51-4C1B-8E5A-6E0C9B5B1234"));
        Assert.Equal("SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = 'a\\'b'", JobQuery.ByInstanceId("a'b"));
    }

    [Theory]
    [InlineData("Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51\\4764334d-e001-4176-82ee-5594ec9b530e", "Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51")]
    [InlineData("Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51\\b637f346-6a0e-4dec-af52-bd70cb80a21d\\0", "Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51")]
    [InlineData("Microsoft:Definition\\b637f346-6a0e-4dec-af52-bd70cb80a21d\\Default", "Microsoft:Definition")]
    [InlineData("Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51", null)]
    [InlineData("\\leading", null)]
    [InlineData(null, null)]
    public void Owner_of_a_component_is_the_part_before_the_first_backslash(string? instanceId, string? owner)
    {
        Assert.Equal(owner, SettingsInstanceId.OwnerOf(instanceId));
    }

    [Theory]
    [InlineData("Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51", "5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51")]
    [InlineData("microsoft:5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51", "5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51")]
    [InlineData("Microsoft:Definition", null)]
    [InlineData("Other:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51", null)]
    [InlineData(null, null)]
    public void Guid_of_a_vssd_instance_id(string? instanceId, string? guid)
    {
        Assert.Equal(guid is null ? null : Guid.Parse(guid), SettingsInstanceId.GuidOf(instanceId));
    }

    [Fact]
    public void Realized_instance_id_is_upper_case_like_hyperv()
    {
        Assert.Equal(
            "Microsoft:5C6A8A50-6F3E-4D5B-9C1A-0B1E2D3C4F51",
            SettingsInstanceId.ForRealizedSystem(Guid.Parse("5c6a8a50-6f3e-4d5b-9c1a-0b1e2d3c4f51")));
    }
}
