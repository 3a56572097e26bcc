using System.Diagnostics.CodeAnalysis;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// Turns <c>Win32_OperatingSystem.Version</c> into libvirt's packed Hyper-V version, exactly as
/// libvirt's connectGetVersion does.
/// </summary>
/// <remarks>
/// Grammar: base-10 digits (major) up to the first non-digit, then exactly one character of any
/// kind is skipped, digits (minor), one skipped character, digits (build) that must reach the end.
/// Each number must fit 32 bits unsigned. No whitespace or signs are accepted. Then major &gt; 99,
/// minor &gt; 99 or build &gt; 999999 cannot be packed.
/// </remarks>
public static class HyperVVersion
{
    /// <summary>Parses and packs a version string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="version"/> is null.</exception>
    /// <exception cref="HyperVVersionException">
    /// <c>Could not parse version from '&lt;v&gt;'</c> or <c>Could not produce packed version number from '&lt;v&gt;'</c>.
    /// </exception>
    public static PackedVersion Parse(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!TryReadParts(version, out var major, out var minor, out var build))
        {
            throw new HyperVVersionException($"Could not parse version from '{version}'", version);
        }
        if (major > 99 || minor > 99 || build > 999_999)
        {
            throw new HyperVVersionException($"Could not produce packed version number from '{version}'", version);
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
        catch (HyperVVersionException)
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
