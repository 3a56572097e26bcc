using System.Globalization;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Builds Msvm_GuestNetworkAdapterConfiguration, one per synthetic adapter: InstanceID
/// <c>Microsoft:GuestNetwork\&lt;VMID&gt;\&lt;NIC&gt;</c>, and, while the guest reports
/// (<see cref="GuestState.HasAddresses"/>) on a connected adapter, its IPv4 and IPv6 addresses.
/// Without them it is what the real capture shows: DHCPEnabled and ProtocolIFType 0 only.
/// </summary>
internal sealed class GuestNetworkFactory
{
    // ProtocolIFType (Microsoft's class page): 0 unknown, 4098 IPv4 and IPv6.
    private const ulong ProtocolUnknown = 0;
    private const ulong ProtocolIPv4AndIPv6 = 4098;

    // IPAddressOrigins: 2 static, 3 DHCP, 4 link layer (IPv6 link-local).
    private const ulong OriginStatic = 2;
    private const ulong OriginDhcp = 3;
    private const ulong OriginLinkLayer = 4;

    private readonly HostNamespace _ns;

    /// <summary>What every configuration's InstanceID begins with, before the VM's GUID.</summary>
    public const string InstanceIdPrefix = @"Microsoft:GuestNetwork\";

    public GuestNetworkFactory(HostNamespace ns) => _ns = ns;

    public static string InstanceId(VmRecord vm, NicLayout nic) =>
        InstanceIdPrefix + vm.UpperId + @"\" + nic.Id.ToString("D").ToUpperInvariant();

    public CimInstance Configuration(VmRecord vm, NicLayout nic, SwitchSpec? connectedTo, bool reporting)
    {
        var g = _ns.New("Msvm_GuestNetworkAdapterConfiguration");
        g["InstanceID"] = InstanceId(vm, nic);
        // A private switch has no DHCP server: its guests use a static address.
        var dhcp = connectedTo is null || connectedTo.Kind != SwitchKind.Private;
        g["DHCPEnabled"] = CimValues.Bool(dhcp);
        if (!reporting || connectedTo is null)
        {
            g["ProtocolIFType"] = CimValues.UInt(ProtocolUnknown);
            return g;
        }

        var (ipv4, mask, gateway) = AddressOn(connectedTo, nic);
        g["ProtocolIFType"] = CimValues.UInt(ProtocolIPv4AndIPv6);
        g["IPAddresses"] = CimValues.StringArray(ipv4, LinkLocal(nic.MacAddress));
        g["Subnets"] = CimValues.StringArray(mask, "/64");
        g["IPAddressOrigins"] = CimValues.UIntArray(dhcp ? OriginDhcp : OriginStatic, OriginLinkLayer);
        g["DefaultGateways"] = gateway is null ? null : CimValues.StringArray(gateway);
        g["DNSServers"] = gateway is null ? null : CimValues.StringArray(gateway);
        return g;
    }

    // The host part comes from the MAC's last two bytes, so an address is stable per adapter.
    private static (string Address, string Mask, string? Gateway) AddressOn(SwitchSpec vswitch, NicLayout nic)
    {
        var low = Convert.ToInt32(nic.MacAddress[8..10], 16);
        var last = Convert.ToInt32(nic.MacAddress[10..12], 16);
        var host = 10 + (last % 240);
        return vswitch.Kind switch
        {
            // Windows' Default Switch: NAT on a /20 with the host at .1.
            SwitchKind.Internal => (string.Create(CultureInfo.InvariantCulture, $"172.27.{80 + (low % 16)}.{host}"), "255.255.240.0", "172.27.80.1"),
            SwitchKind.External => (string.Create(CultureInfo.InvariantCulture, $"192.168.10.{host}"), "255.255.255.0", "192.168.10.1"),
            _ => (string.Create(CultureInfo.InvariantCulture, $"10.10.0.{host}"), "255.255.255.0", null),
        };
    }

    // fe80::/64 with the modified EUI-64 interface id of the MAC (RFC 4291 appendix A).
    private static string LinkLocal(string mac)
    {
        var b = Convert.FromHexString(mac);
        b[0] ^= 0x02;
        return string.Create(CultureInfo.InvariantCulture, $"fe80::{(b[0] << 8) | b[1]:x}:{(b[2] << 8) | 0xFF:x}:{0xFE00 | b[3]:x}:{(b[4] << 8) | b[5]:x}");
    }
}
