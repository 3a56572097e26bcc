using System.Globalization;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// A Hyper-V host version in libvirt's repacked form: major × 100000000 + minor × 1000000 + build
/// (10.0.14393 → 1000014393). virsh splits that number the usual libvirt way, so users see
/// <c>1000.14.393</c>; <see cref="ToString"/> gives the same text. Ordered and compared by <see cref="Packed"/>.
/// </summary>
public sealed class PackedVersion : IEquatable<PackedVersion>, IComparable<PackedVersion>, IComparable
{
    /// <summary>Creates a version from its parts; use <see cref="HyperVVersion.Parse"/> for host strings.</summary>
    internal PackedVersion(Version osVersion, long packed)
    {
        OsVersion = osVersion;
        Packed = packed;
    }

    /// <summary>The Windows version as reported (major.minor.build), e.g. 10.0.14393.</summary>
    public Version OsVersion { get; }

    /// <summary>The packed number libvirt's connectGetVersion returns (needs 64 bits: up to 9999999999).</summary>
    public long Packed { get; }

    /// <summary>virsh's major: packed / 1000000 (1000 for Windows 10.0).</summary>
    public long Major => Packed / 1_000_000;

    /// <summary>virsh's minor: (packed mod 1000000) / 1000.</summary>
    public long Minor => Packed % 1_000_000 / 1_000;

    /// <summary>virsh's release: packed mod 1000.</summary>
    public long Release => Packed % 1_000;

    /// <summary>The Windows release name, see <see cref="WindowsRelease.FromVersion"/>.</summary>
    public string WindowsReleaseName => WindowsRelease.FromVersion(OsVersion);

    /// <summary>The three numbers as virsh prints them, e.g. <c>1000.14.393</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Release}");

    /// <inheritdoc />
    public bool Equals(PackedVersion? other) => other is not null && Packed == other.Packed;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PackedVersion);

    /// <inheritdoc />
    public override int GetHashCode() => Packed.GetHashCode();

    /// <summary>Orders by <see cref="Packed"/>; null sorts first.</summary>
    public int CompareTo(PackedVersion? other) => other is null ? 1 : Packed.CompareTo(other.Packed);

    /// <inheritdoc />
    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        PackedVersion v => CompareTo(v),
        _ => throw new ArgumentException("Object is not a PackedVersion.", nameof(obj)),
    };

    /// <summary>Equal packed numbers.</summary>
    public static bool operator ==(PackedVersion? left, PackedVersion? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Different packed numbers.</summary>
    public static bool operator !=(PackedVersion? left, PackedVersion? right) => !(left == right);

    /// <summary>Older than.</summary>
    public static bool operator <(PackedVersion? left, PackedVersion? right) => Compare(left, right) < 0;

    /// <summary>Newer than.</summary>
    public static bool operator >(PackedVersion? left, PackedVersion? right) => Compare(left, right) > 0;

    /// <summary>Older than or equal.</summary>
    public static bool operator <=(PackedVersion? left, PackedVersion? right) => Compare(left, right) <= 0;

    /// <summary>Newer than or equal.</summary>
    public static bool operator >=(PackedVersion? left, PackedVersion? right) => Compare(left, right) >= 0;

    private static int Compare(PackedVersion? left, PackedVersion? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
