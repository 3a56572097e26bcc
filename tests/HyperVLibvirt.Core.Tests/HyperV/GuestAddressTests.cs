using System.Net.Sockets;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.HyperV;

/// <summary>Guest addresses from Msvm_GuestNetworkAdapterConfiguration, MAC addresses and the WQL that fetches them.</summary>
public sealed class GuestAddressTests
{
    private static readonly Guid Vm = Guid.Parse("8286d046-9740-43e4-95cf-ff46699c73c4");

    private static CimObject Configuration(bool dhcp, string[] addresses, string[] subnets, string[] origins) =>
        new("Msvm_GuestNetworkAdapterConfiguration", null,
        [
            new CimProperty("DHCPEnabled", CimValue.FromText(dhcp ? "true" : "false")),
            new CimProperty("InstanceID", CimValue.FromText(@"Microsoft:GuestNetwork\8286D046-9740-43E4-95CF-FF46699C73C4\A1B2C3D4-0000-4000-8000-000000000001")),
            new CimProperty("IPAddresses", CimValue.FromArray(addresses.Select(CimValue.FromText).ToArray())),
            new CimProperty("Subnets", CimValue.FromArray(subnets.Select(CimValue.FromText).ToArray())),
            new CimProperty("IPAddressOrigins", CimValue.FromArray(origins.Select(CimValue.FromText).ToArray())),
        ]);

    [Fact]
    public void Reads_each_address_with_its_subnet_and_origin()
    {
        var addresses = GuestAddress.FromConfiguration(Configuration(true,
            ["192.168.1.20", "fe80::215:5dff:fe01:203", "2001:db8::20"], ["255.255.255.0", "/64", "/64"], ["1", "1", "2"]));
        Assert.Equal(3, addresses.Count);
        Assert.Equal(new GuestAddress("192.168.1.20", AddressFamily.InterNetwork, 24, "DHCP"), addresses[0]);
        Assert.Equal("IPv6", addresses[1].FamilyName);
        Assert.Equal(64, addresses[1].PrefixLength);
        Assert.Equal("Other", addresses[1].Source);
        Assert.Equal("Static", addresses[2].Source);
    }

    [Fact]
    public void Static_addresses_without_dhcp_are_static()
    {
        var a = Assert.Single(GuestAddress.FromConfiguration(Configuration(false, ["10.0.0.5"], ["255.255.0.0"], ["2"])));
        Assert.Equal("Static", a.Source);
        Assert.Equal(16, a.PrefixLength);
    }

    [Fact]
    public void Skips_entries_that_are_not_addresses_and_tolerates_missing_subnets()
    {
        var addresses = GuestAddress.FromConfiguration(Configuration(false, ["not-an-ip", "10.0.0.6"], [], []));
        var a = Assert.Single(addresses);
        Assert.Null(a.PrefixLength);
        Assert.Equal("Unknown", a.Source);
    }

    [SharedFixtureFact]
    public void The_real_capture_of_a_guest_without_addresses_reads_as_none()
    {
        var item = Assert.Single(SharedFixtures.Parse("hyperv_v2_msvm_guestnetworkadapterconfiguration_pull_response_ja.xml").Items);
        Assert.Empty(GuestAddress.FromConfiguration(item));
        Assert.Equal((Guid.Parse("00000000-0000-4000-8000-000000000007"), "00000000-0000-4000-8000-000000000008"),
            GuestNetworkQuery.ParseConfigurationId(item.GetString("InstanceID")));
    }

    [Theory]
    [InlineData("255.255.255.0", AddressFamily.InterNetwork, 24)]
    [InlineData("255.255.255.255", AddressFamily.InterNetwork, 32)]
    [InlineData("0.0.0.0", AddressFamily.InterNetwork, 0)]
    [InlineData("/64", AddressFamily.InterNetworkV6, 64)]
    [InlineData("48", AddressFamily.InterNetworkV6, 48)]
    [InlineData("255.0.255.0", AddressFamily.InterNetwork, null)]
    [InlineData("/129", AddressFamily.InterNetworkV6, null)]
    [InlineData("", AddressFamily.InterNetwork, null)]
    public void Reads_prefix_lengths(string subnet, AddressFamily family, int? expected) =>
        Assert.Equal(expected, GuestAddress.PrefixLengthOf(subnet, family));

    [Theory]
    [InlineData("00155D010203", "00:15:5d:01:02:03")]
    [InlineData("00-15-5D-01-02-03", "00:15:5d:01:02:03")]
    [InlineData("00155D0102", null)]
    [InlineData("00155D01020Z", null)]
    public void Formats_mac_addresses_as_libvirt(string hyperV, string? expected) => Assert.Equal(expected, MacAddress.ToLibvirt(hyperV));

    [Fact]
    public void Names_a_few_domains_by_instance_id_and_many_by_class()
    {
        var few = GuestNetworkQuery.ConfigurationsOf([Vm]);
        Assert.Equal(@"SELECT * FROM Msvm_GuestNetworkAdapterConfiguration WHERE InstanceID LIKE 'Microsoft:GuestNetwork\\8286D046-9740-43E4-95CF-FF46699C73C4\\%'", few);
        Assert.Equal(@"SELECT InstanceID, ElementName, Address FROM Msvm_SyntheticEthernetPortSettingData WHERE InstanceID LIKE 'Microsoft:8286D046-9740-43E4-95CF-FF46699C73C4\\%'",
            GuestNetworkQuery.AdaptersOf([Vm]));
        var many = Enumerable.Range(0, GuestNetworkQuery.MaxDomainsPerFilter + 1).Select(_ => Guid.NewGuid()).ToArray();
        Assert.Equal("SELECT * FROM Msvm_GuestNetworkAdapterConfiguration", GuestNetworkQuery.ConfigurationsOf(many));
    }

    [Fact]
    public void Parses_adapter_ids_of_either_class()
    {
        Assert.Equal((Vm, "A1B2C3D4-0000-4000-8000-000000000001"),
            GuestNetworkQuery.ParseAdapterId(@"Microsoft:8286D046-9740-43E4-95CF-FF46699C73C4\a1b2c3d4-0000-4000-8000-000000000001"));
        Assert.Null(GuestNetworkQuery.ParseAdapterId("Microsoft:8286D046-9740-43E4-95CF-FF46699C73C4"));
        Assert.Null(GuestNetworkQuery.ParseConfigurationId(@"Microsoft:8286D046-9740-43E4-95CF-FF46699C73C4\x"));
    }
}
