using System.Net;
using System.Net.Sockets;
using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Domains;

/// <summary>What a wait waits for: a libvirt state, a heartbeat that is OK, or an IP address (of a family). Exactly one.</summary>
public sealed record WaitCondition
{
    /// <summary>A libvirt state to reach, and settle in (not in transition).</summary>
    public HvDomainState? State { get; init; }

    /// <summary>A heartbeat Get-VM would call Ok (OkApplicationsUnknown, -Healthy or -Critical).</summary>
    public bool Heartbeat { get; init; }

    /// <summary>An address the guest reports, other than a link-local one (169.254.0.0/16, fe80::/10).</summary>
    public bool IPAddress { get; init; }

    /// <summary>With <see cref="IPAddress"/>: only an address of this family counts (null: either).</summary>
    public AddressFamily? Family { get; init; }

    /// <summary>Throws when the condition asks for none or several things.</summary>
    public void Validate()
    {
        var count = (State is null ? 0 : 1) + (Heartbeat ? 1 : 0) + (IPAddress ? 1 : 0);
        if (count != 1)
        {
            throw new ArgumentException("Wait for exactly one thing: a state, the heartbeat, or an IP address.");
        }
        if (Family is not (null or AddressFamily.InterNetwork or AddressFamily.InterNetworkV6) || (Family is not null && !IPAddress))
        {
            throw new ArgumentException("A family applies to an IP address wait only, and is IPv4 or IPv6.");
        }
    }

    /// <summary>What is awaited, for progress and messages: "state Running", "an OK heartbeat", "an IPv4 address".</summary>
    public string Describe() =>
        State is { } state ? "state " + state
        : Heartbeat ? "an OK heartbeat"
        : Family switch
        {
            AddressFamily.InterNetwork => "an IPv4 address",
            AddressFamily.InterNetworkV6 => "an IPv6 address",
            _ => "an IP address",
        };

    /// <summary>Whether <paramref name="address"/> satisfies an address wait: of the family asked, not link-local.</summary>
    public bool Accepts(GuestAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Family is { } family && address.Family != family)
        {
            return false;
        }
        if (!System.Net.IPAddress.TryParse(address.Address, out var ip))
        {
            return false;
        }
        var bytes = ip.GetAddressBytes();
        return ip.AddressFamily == AddressFamily.InterNetwork ? !(bytes[0] == 169 && bytes[1] == 254) : !ip.IsIPv6LinkLocal;
    }
}
