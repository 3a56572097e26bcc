using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// A Hyper-V host version in libvirt's repacked form: major × 100000000 + minor × 1000000 + build
/// (10.0.14393 → 1000014393). virsh splits that number the usual libvirt way, so users see
/// <c>1000.14.393</c>; <see cref="ToString"/> gives the same text. Ordered and compared by <see cref="Packed"/>.
/// </summary>
/// <remarks>
/// <see cref="Parse"/> reads <c>Win32_OperatingSystem.Version</c> exactly as libvirt's hypervConnectGetVersion and hypervParseVersionString
/// (src/hyperv/hyperv_driver.c) does: base-10 digits (major) up to the first non-digit, then exactly one character
/// of any kind is skipped, digits (minor), one skipped character, digits (build) that must reach the end.
/// Each number must fit 32 bits unsigned. No whitespace or signs are accepted. Then major &gt; 99,
/// minor &gt; 99 or build &gt; 999999 cannot be packed.
/// </remarks>
public sealed class PackedVersion : IEquatable<PackedVersion>, IComparable<PackedVersion>, IComparable
{
    /// <summary>Creates a version from its parts; use <see cref="Parse"/> for host strings.</summary>
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

    /// <summary>Parses and packs a version string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="version"/> is null.</exception>
    /// <exception cref="PackedVersionException">
    /// <c>Could not parse version from '&lt;v&gt;'</c> or <c>Could not produce packed version number from '&lt;v&gt;'</c>.
    /// </exception>
    public static PackedVersion Parse(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!TryReadParts(version, out var major, out var minor, out var build))
        {
            throw new PackedVersionException($"Could not parse version from '{version}'", version);
        }
        if (major > 99 || minor > 99 || build > 999_999)
        {
            throw new PackedVersionException($"Could not produce packed version number from '{version}'", version);
        }
        var packed = (long)major * 100_000_000 + (long)minor * 1_000_000 + build;
        return new PackedVersion(new Version((int)major, (int)minor, (int)build), packed);
    }

    /// <summary>Parses and packs without throwing; false for anything <see cref="Parse"/> rejects.</summary>
    public static bool TryParse([NotNullWhen(true)] string? version, [NotNullWhen(true)] out PackedVersion? result)
    {
        result = null;
        if (version is null)
        {
            return false;
        }
        try
        {
            result = Parse(version);
            return true;
        }
        catch (PackedVersionException)
        {
            return false;
        }
    }

    private static bool TryReadParts(string text, out uint major, out uint minor, out uint build)
    {
        minor = build = 0;
        var position = 0;
        if (!TryReadNumber(text, ref position, out major) || !TrySkipOne(text, ref position)
            || !TryReadNumber(text, ref position, out minor) || !TrySkipOne(text, ref position)
            || !TryReadNumber(text, ref position, out build))
        {
            return false;
        }
        return position == text.Length;
    }

    private static bool TrySkipOne(string text, ref int position)
    {
        // libvirt skips whatever single character follows a number; running off the end fails.
        if (position >= text.Length)
        {
            return false;
        }
        position++;
        return true;
    }

    private static bool TryReadNumber(string text, ref int position, out uint value)
    {
        value = 0;
        var start = position;
        ulong accumulated = 0;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            accumulated = accumulated * 10 + (ulong)(text[position] - '0');
            if (accumulated > uint.MaxValue)
            {
                return false;
            }
            position++;
        }
        if (position == start)
        {
            return false;
        }
        value = (uint)accumulated;
        return true;
    }
}
