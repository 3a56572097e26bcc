namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// A Windows Server release the simulator can pretend to be: its version, product caption and
/// which Hyper-V WMI namespaces it has (v1 <c>root/virtualization</c> up to 2012, v2
/// <c>root/virtualization/v2</c> from 2012).
/// </summary>
/// <param name="Name">Profile name used on the command line, e.g. <c>ws2019</c>.</param>
/// <param name="Version">Win32_OperatingSystem.Version, e.g. <c>10.0.17763</c>.</param>
/// <param name="Caption">Win32_OperatingSystem.Caption (the product name, not localized by Windows).</param>
/// <param name="ServicePackMajorVersion">The service pack level (1 on Server 2008 build 6001).</param>
/// <param name="HasV1Namespace">Whether <c>root/virtualization</c> exists.</param>
/// <param name="HasV2Namespace">Whether <c>root/virtualization/v2</c> exists.</param>
public sealed record HostProfile(string Name, string Version, string Caption, int ServicePackMajorVersion, bool HasV1Namespace, bool HasV2Namespace)
{
    /// <summary>The v1 Hyper-V namespace.</summary>
    public const string V1Namespace = "root/virtualization";

    /// <summary>The v2 Hyper-V namespace.</summary>
    public const string V2Namespace = "root/virtualization/v2";

    /// <summary>The Win32 namespace.</summary>
    public const string Cimv2Namespace = "root/cimv2";

    /// <summary>Every supported profile, oldest first.</summary>
    public static IReadOnlyList<HostProfile> All { get; } =
    [
        new("ws2008", "6.0.6001", "Microsoft® Windows Server® 2008 Datacenter ", 1, true, false),
        new("ws2008r2", "6.1.7600", "Microsoft Windows Server 2008 R2 Datacenter ", 0, true, false),
        new("ws2012", "6.2.9200", "Microsoft Windows Server 2012 Datacenter", 0, true, true),
        new("ws2012r2", "6.3.9600", "Microsoft Windows Server 2012 R2 Datacenter", 0, false, true),
        new("ws2016", "10.0.14393", "Microsoft Windows Server 2016 Datacenter", 0, false, true),
        new("ws2019", "10.0.17763", "Microsoft Windows Server 2019 Datacenter", 0, false, true),
        new("ws2022", "10.0.20348", "Microsoft Windows Server 2022 Datacenter", 0, false, true),
        new("ws2025", "10.0.26100", "Microsoft Windows Server 2025 Datacenter", 0, false, true),
    ];

    /// <summary>The build number, the last part of <see cref="Version"/>.</summary>
    public string BuildNumber => Version[(Version.LastIndexOf('.') + 1)..];

    /// <summary>The Hyper-V namespaces of this profile plus <c>root/cimv2</c>.</summary>
    public IReadOnlyList<string> Namespaces =>
        new[] { Cimv2Namespace }
            .Concat(HasV1Namespace ? [V1Namespace] : [])
            .Concat(HasV2Namespace ? [V2Namespace] : [])
            .ToArray();

    /// <summary>Finds a profile by name (case-insensitive); unknown names throw <see cref="ArgumentException"/>.</summary>
    public static HostProfile Get(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown host profile '{name}'. Known profiles: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));
}
