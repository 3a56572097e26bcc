using System.Net;
using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Domains;

/// <summary>
/// One IP address a guest reports on one network adapter, as virsh domifaddr lists it (name, MAC address, protocol,
/// address/prefix) with the domain and host beside it. Every public property is a plain value.
/// </summary>
public sealed class HvDomainAddress
{
    private readonly GuestAddress _address;

    /// <summary>Creates an address of <paramref name="domain"/>'s adapter.</summary>
    public HvDomainAddress(HvDomain domain, string @interface, string? macAddress, GuestAddress address)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(@interface);
        ArgumentNullException.ThrowIfNull(address);
        Domain = domain.Name;
        Uuid = domain.Uuid;
        ComputerName = domain.ComputerName;
        ConnectionId = domain.ConnectionId;
        Interface = @interface;
        MacAddress = macAddress;
        _address = address;
    }

    /// <summary>The domain's name.</summary>
    public string Domain { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid Uuid { get; }

    /// <summary>The adapter's name (its ElementName, e.g. "Network Adapter"), or its id when the host does not name it.</summary>
    public string Interface { get; }

    /// <summary>The adapter's MAC address as libvirt prints it (<c>00:15:5d:01:02:03</c>), when known.</summary>
    public string? MacAddress { get; }

    /// <summary>IPv4 or IPv6.</summary>
    public string Family => _address.FamilyName;

    /// <summary>The address.</summary>
    public string Address => _address.Address;

    /// <summary>The prefix length (24 for 255.255.255.0), when the guest reports a subnet.</summary>
    public int? PrefixLength => _address.PrefixLength;

    /// <summary>Where the address came from: DHCP, Static, Other or Unknown.</summary>
    public string Source => _address.Source;

    /// <summary>The host, as its session names it.</summary>
    public string ComputerName { get; }

    /// <summary>The identity of the session it was read through.</summary>
    public Guid ConnectionId { get; }

    /// <summary>The address, typed.</summary>
    public IPAddress GetAddress() => IPAddress.Parse(_address.Address);

    /// <summary>The address as read.</summary>
    public GuestAddress GetGuestAddress() => _address;

    /// <inheritdoc />
    public override string ToString() => PrefixLength is { } p ? Address + "/" + p : Address;
}
