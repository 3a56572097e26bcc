using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>CIM-XML INSTANCE text as WMI puts embedded instances in string values, read as untrusted input.</summary>
public sealed class CimXmlInstanceTextTests
{
    private const string Disk =
        "<INSTANCE CLASSNAME=\"Msvm_VirtualHardDiskSettingData\">"
        + "<PROPERTY NAME=\"Path\" TYPE=\"string\"><VALUE>C:\\VMs\\a.vhdx</VALUE></PROPERTY>"
        + "<PROPERTY NAME=\"ParentPath\" TYPE=\"string\"></PROPERTY>"
        + "<PROPERTY NAME=\"Caption\" TYPE=\"string\"><VALUE></VALUE></PROPERTY>"
        + "<PROPERTY.ARRAY NAME=\"Notes\" TYPE=\"string\"><VALUE.ARRAY><VALUE>one</VALUE><VALUE/><VALUE>three</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
        + "<PROPERTY.ARRAY NAME=\"Empty\" TYPE=\"string\"></PROPERTY.ARRAY>"
        + "<PROPERTY NAME=\"MaxInternalSize\" TYPE=\"uint64\"><VALUE>21474836480</VALUE></PROPERTY>"
        + "</INSTANCE>";

    [Fact]
    public void Reads_values_nulls_and_arrays_of_the_instances_own_properties()
    {
        var instance = CimXmlInstanceText.Read(Disk, 4096)!;

        Assert.Equal("Msvm_VirtualHardDiskSettingData", instance.ClassName);
        Assert.Equal(@"C:\VMs\a.vhdx", instance.GetString("Path"));
        Assert.Null(instance.GetString("ParentPath"));
        Assert.Equal(string.Empty, instance.GetString("Caption"));
        Assert.Equal(new[] { "one", "", "three" }, instance.GetArray("Notes").Select(v => v.AsString() ?? "(null)"));
        Assert.Empty(instance.GetArray("Empty"));
        Assert.Equal(21474836480UL, instance.GetUInt64("MaxInternalSize"));
    }

    [Fact]
    public void Refuses_a_dtd_text_over_the_bound_and_what_is_not_an_instance()
    {
        const string withDtd = "<!DOCTYPE INSTANCE [<!ENTITY x \"boom\">]><INSTANCE CLASSNAME=\"A\"><PROPERTY NAME=\"N\"><VALUE>&x;</VALUE></PROPERTY></INSTANCE>";
        Assert.Null(CimXmlInstanceText.Read(withDtd, 4096));
        Assert.Null(CimXmlInstanceText.Read(Disk, Disk.Length - 1));
        Assert.NotNull(CimXmlInstanceText.Read(Disk, Disk.Length));
        Assert.Null(CimXmlInstanceText.Read("<CLASS NAME=\"A\"/>", 4096));
        Assert.Null(CimXmlInstanceText.Read("<INSTANCE CLASSNAME=\"A\">", 4096));
        Assert.Null(CimXmlInstanceText.Read("  ", 4096));
    }
}
