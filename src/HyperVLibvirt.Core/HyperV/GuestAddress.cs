using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// One address a guest reports on one adapter, read from Msvm_GuestNetworkAdapterConfiguration (Microsoft's class
/// documentation): IPAddresses[i] with Subnets[i] (an IPv4 mask such as <c>255.255.255.0</c>, or an IPv6 prefix
/// length such as <c>/64</c>) and IPAddressOrigins[i] (0 Unknown, 1 Other, 2 Static), with DHCPEnabled.
/// </summary>
/// <param name="Address">The address as the guest reports it.</param>
/// <param name="Family">IPv4 or IPv6.</param>
/// <param name="PrefixLength">The prefix length, when the subnet can be read.</param>
/// <param name="Source">Static, DHCP, Other or Unknown.</param>
public sealed record GuestAddress(string Address, AddressFamily Family, int? PrefixLength, string Source)
{
    /// <summary>IPAddressOrigins: Static.</summary>
    public const ulong OriginStatic = 2;

    /// <summary>IPAddressOrigins: Other.</summary>
    public const ulong OriginOther = 1;

    /// <summary>Every readable address of a configuration, in the guest's order; an entry that is not an IP address is skipped.</summary>
    public static IReadOnlyList<GuestAddress> FromConfiguration(CimObject configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var addresses = configuration.GetArray("IPAddresses");
        var subnets = configuration.GetArray("Subnets");
        var origins = configuration.GetArray("IPAddressOrigins");
        var dhcp = configuration.GetBoolean("DHCPEnabled") == true;
        var result = new List<GuestAddress>(addresses.Count);
        for (var i = 0; i < addresses.Count; i++)
        {
            if (addresses[i].AsString()?.Trim() is not { Length: > 0 } text || !IPAddress.TryParse(text, out var ip)
                || ip.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            {
                continue;
            }
            var prefix = i < subnets.Count ? PrefixLengthOf(subnets[i].AsString(), ip.AddressFamily) : null;
            var origin = i < origins.Count ? origins[i].AsUInt64() : null;
            result.Add(new GuestAddress(text, ip.AddressFamily, prefix, SourceOf(origin, dhcp, ip)));
        }
        return result;
    }

    /// <summary>The family as libvirt's virsh domifaddr and Get-VMNetworkAdapter name it: IPv4 or IPv6.</summary>
    public string FamilyName => Family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";

    /// <summary>A subnet's prefix length: an IPv4 dotted mask, <c>/n</c> or <c>n</c>; null when unreadable.</summary>
    public static int? PrefixLengthOf(string? subnet, AddressFamily family)
    {
        var text = subnet?.Trim().TrimStart('/');
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var max = family == AddressFamily.InterNetwork ? 32 : 128;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return length <= max ? length : null;
        }
        if (!IPAddress.TryParse(text, out var mask) || mask.AddressFamily != family)
        {
            return null;
        }
        // A mask is ones then zeros; anything else is not a prefix.
        var bits = 0;
        var ended = false;
        foreach (var b in mask.GetAddressBytes())
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                var one = (b >> bit & 1) == 1;
                if (one && ended)
                {
                    return null;
                }
                if (one)
                {
                    bits++;
                }
                else
                {
                    ended = true;
                }
            }
        }
        return bits;
    }

    // Static when the guest says so; an IPv4 address on an adapter with DHCP on came from DHCP (the class has no
    // DHCP origin); IPv6 link-local and autoconfigured addresses are Other.
    private static string SourceOf(ulong? origin, bool dhcp, IPAddress ip) => origin switch
    {
        OriginStatic => "Static",
        _ when dhcp && ip.AddressFamily == AddressFamily.InterNetwork => "DHCP",
        OriginOther => "Other",
        _ when dhcp && !ip.IsIPv6LinkLocal => "DHCP",
        _ => "Unknown",
    };
}
