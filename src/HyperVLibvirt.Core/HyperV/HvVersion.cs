namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// A host's Hyper-V version in libvirt's repacked form (major*100000000 + minor*1000000 +
/// build), so 10.0.14393 is 1000014393 and prints as <c>1000.14.393</c>, as
/// <c>virsh version</c> shows it. Sorts and compares by <see cref="Packed"/>.
/// </summary>
public sealed class HvVersion : IComparable<HvVersion>, IComparable, IEquatable<HvVersion>
{
    private readonly PackedVersion _packed;

    /// <summary>Creates the version of a host from its <c>Win32_OperatingSystem</c> values.</summary>
    public HvVersion(string computerName, PackedVersion packed, string? caption)
    {
        ComputerName = computerName;
        _packed = packed;
        Caption = caption;
    }

    /// <summary>The host, as the connection names it.</summary>
    public string ComputerName { get; }

    /// <summary>Always <c>Hyper-V</c>, libvirt's hypervisor type for this driver.</summary>
    public string Hypervisor => "Hyper-V";

    /// <summary>The libvirt triple, as <c>virsh version</c> prints it, e.g. <c>1000.14.393</c>.</summary>
    public string Version => _packed.ToString();

    /// <summary>The Windows version the host reports, e.g. <c>10.0.14393</c> (text, so exports stay flat; <see cref="GetOsVersion"/> gives it typed).</summary>
    public string OsVersion => _packed.OsVersion.ToString();

    /// <summary>libvirt's packed number, e.g. 1000014393.</summary>
    public long Packed => _packed.Packed;

    /// <summary>Packed / 1000000, e.g. 1000.</summary>
    public long Major => _packed.Major;

    /// <summary>(Packed mod 1000000) / 1000, e.g. 14.</summary>
    public long Minor => _packed.Minor;

    /// <summary>Packed mod 1000, e.g. 393.</summary>
    public long Release => _packed.Release;

    /// <summary>The Windows Server release, e.g. <c>Windows Server 2016</c>.</summary>
    public string WindowsRelease => _packed.WindowsReleaseName;

    /// <summary>The OS caption exactly as the host reports it (localized by the host).</summary>
    public string? Caption { get; }

    /// <summary>The Windows version the host reports, typed.</summary>
    public Version GetOsVersion() => _packed.OsVersion;

    /// <summary>The packed version.</summary>
    public PackedVersion GetPackedVersion() => _packed;

    /// <inheritdoc />
    public override string ToString() => Version;

    /// <inheritdoc />
    public int CompareTo(HvVersion? other) => other is null ? 1 : Packed.CompareTo(other.Packed);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        HvVersion v => CompareTo(v),
        _ => throw new ArgumentException("Can only compare with another HvVersion.", nameof(obj)),
    };

    /// <inheritdoc />
    public bool Equals(HvVersion? other) => other is not null && Packed == other.Packed;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as HvVersion);

    /// <inheritdoc />
    public override int GetHashCode() => Packed.GetHashCode();
}
