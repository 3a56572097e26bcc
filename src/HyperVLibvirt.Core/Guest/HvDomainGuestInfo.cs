using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Guest;

/// <summary>
/// What a running guest tells the host about itself through Hyper-V's data exchange integration service
/// (Msvm_KvpExchangeComponent.GuestIntrinsicExchangeItems): operating system, host name, addresses. The
/// answer to <c>virsh guestinfo</c> on Hyper-V.
/// </summary>
/// <remarks>
/// Public properties are plain values so Export-Csv and ConvertTo-Json give flat data; every item the guest
/// sent is reached through <see cref="GetItems"/>, and the fields as virsh prints them through
/// <see cref="GetLibvirtFields"/>.
/// </remarks>
public sealed class HvDomainGuestInfo
{
    private readonly IReadOnlyDictionary<string, string> _items;

    /// <summary>Creates the information of domain <paramref name="domain"/> (on <paramref name="computerName"/>) from the guest's items.</summary>
    public HvDomainGuestInfo(string domain, Guid uuid, string computerName, Guid connectionId, IEnumerable<KvpDataItem> items)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(computerName);
        ArgumentNullException.ThrowIfNull(items);
        Domain = domain;
        Uuid = uuid;
        ComputerName = computerName;
        ConnectionId = connectionId;
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            // A guest may repeat a name; the first one counts, as Hyper-V's own tools read it.
            byName.TryAdd(item.Name, item.Data);
        }
        _items = byName;
    }

    /// <summary>The domain's name.</summary>
    public string Domain { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid Uuid { get; }

    /// <summary>The guest's host name (its FullyQualifiedDomainName item).</summary>
    public string? HostName => Item("FullyQualifiedDomainName");

    /// <summary>The guest operating system's name, e.g. <c>Windows Server 2022 Datacenter</c> (OSName).</summary>
    public string? OSName => Item("OSName");

    /// <summary>The guest operating system's version, e.g. <c>10.0.20348</c> (OSVersion).</summary>
    public string? OSVersion => Item("OSVersion");

    /// <summary>The guest operating system's build number (OSBuildNumber).</summary>
    public string? OSBuildNumber => Item("OSBuildNumber");

    /// <summary>The guest's processor architecture in libvirt's words (<c>x86_64</c>, <c>i686</c>, <c>aarch64</c>), from ProcessorArchitecture.</summary>
    public string? Architecture => ArchitectureName(Item("ProcessorArchitecture"));

    /// <summary>The version of the integration services in the guest (IntegrationServicesVersion).</summary>
    public string? IntegrationServicesVersion => Item("IntegrationServicesVersion");

    /// <summary>The guest's IPv4 and IPv6 addresses as one text, <c>; </c>-separated (flat for Export-Csv); <see cref="GetIPv4Addresses"/> and <see cref="GetIPv6Addresses"/> give them as lists.</summary>
    public string? IPAddresses => GetIPv4Addresses().Concat(GetIPv6Addresses()).ToArray() is { Length: > 0 } all ? string.Join("; ", all) : null;

    /// <summary>The host the domain lives on, as its session names it.</summary>
    public string ComputerName { get; }

    /// <summary>The identity of the session the information was read through.</summary>
    public Guid ConnectionId { get; }

    /// <summary>The guest's IPv4 addresses (its NetworkAddressIPv4 item, which the guest separates with semicolons).</summary>
    public string[] GetIPv4Addresses() => Split(Item("NetworkAddressIPv4"));

    /// <summary>The guest's IPv6 addresses (NetworkAddressIPv6).</summary>
    public string[] GetIPv6Addresses() => Split(Item("NetworkAddressIPv6"));

    /// <summary>Every item the guest sent, by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> GetItems() => _items;

    /// <summary>
    /// The fields as <c>virsh guestinfo</c> names them (the typed parameters of libvirt's virDomainGetGuestInfo,
    /// src/libvirt-domain.c: <c>os.name</c>, <c>os.version</c>, <c>os.kernel-release</c>, <c>os.machine</c>,
    /// <c>hostname</c>), each only when the guest sent it, in virsh's order.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> GetLibvirtFields()
    {
        var fields = new List<KeyValuePair<string, string>>();
        Add(fields, "os.name", OSName);
        Add(fields, "os.version", OSVersion);
        Add(fields, "os.kernel-release", OSBuildNumber);
        Add(fields, "os.machine", Architecture);
        Add(fields, "hostname", HostName);
        return fields;
    }

    /// <inheritdoc />
    public override string ToString() => Domain;

    private string? Item(string name) => _items.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static void Add(List<KeyValuePair<string, string>> fields, string key, string? value)
    {
        if (value is not null)
        {
            fields.Add(new(key, value));
        }
    }

    private static string[] Split(string? list) =>
        list?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    // ProcessorArchitecture carries Windows' PROCESSOR_ARCHITECTURE_* numbers (SYSTEM_INFO.wProcessorArchitecture).
    private static string? ArchitectureName(string? code) => code switch
    {
        null => null,
        "0" => "i686",
        "5" => "armv7l",
        "9" => "x86_64",
        "12" => "aarch64",
        _ => code,
    };
}
