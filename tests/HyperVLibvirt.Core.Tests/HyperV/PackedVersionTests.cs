using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Tests.HyperV;

public class HyperVVersionTests
{
    // Spec §6: Windows release, Version, packed number, what virsh version shows.
    [Theory]
    [InlineData("6.0.6001", 600006001L, "600.6.1", "Windows Server 2008")]
    [InlineData("6.1.7600", 601007600L, "601.7.600", "Windows Server 2008 R2")]
    [InlineData("6.2.9200", 602009200L, "602.9.200", "Windows Server 2012")]
    [InlineData("6.3.9600", 603009600L, "603.9.600", "Windows Server 2012 R2")]
    [InlineData("10.0.14393", 1000014393L, "1000.14.393", "Windows Server 2016")]
    [InlineData("10.0.17763", 1000017763L, "1000.17.763", "Windows Server 2019")]
    [InlineData("10.0.20348", 1000020348L, "1000.20.348", "Windows Server 2022")]
    [InlineData("10.0.26100", 1000026100L, "1000.26.100", "Windows Server 2025")]
    public void Packs_each_release_as_libvirt_does(string text, long packed, string shown, string release)
    {
        var version = PackedVersion.Parse(text);

        Assert.Equal(packed, version.Packed);
        Assert.Equal(shown, version.ToString());
        Assert.Equal(Version.Parse(text), version.OsVersion);
        Assert.Equal(release, version.WindowsReleaseName);
    }

    [Fact]
    public void Packs_10_0_14393_as_1000_14_393()
    {
        var version = PackedVersion.Parse("10.0.14393");

        Assert.Equal(1000, version.Major);
        Assert.Equal(14, version.Minor);
        Assert.Equal(393, version.Release);
    }

    [Fact]
    public void Largest_packable_version_needs_64_bits()
    {
        var version = PackedVersion.Parse("99.99.999999");

        Assert.Equal(9_999_999_999L, version.Packed);
        Assert.Equal("9999.999.999", version.ToString());
    }

    [Theory]
    [InlineData("0.0.0", 0L)]
    [InlineData("10-0-14393", 1000014393L)]
    [InlineData("10.0x14393", 1000014393L)]
    [InlineData("010.00.014393", 1000014393L)]
    public void Skips_exactly_one_character_of_any_kind_between_numbers(string text, long packed)
    {
        Assert.Equal(packed, PackedVersion.Parse(text).Packed);
    }

    [Theory]
    [InlineData("10.0")]
    [InlineData("10.0.")]
    [InlineData("10.0.14393.1")]
    [InlineData("10.0.14393 ")]
    [InlineData("")]
    [InlineData("a.b.c")]
    [InlineData(" 10.0.1")]
    [InlineData("10")]
    [InlineData("10..0.1")]
    [InlineData("+10.0.1")]
    [InlineData("10.-0.1")]
    [InlineData("10.0.4294967296")]
    [InlineData("99999999999.0.1")]
    public void Rejects_unparsable_strings_with_libvirts_text(string text)
    {
        var ex = Assert.Throws<PackedVersionException>(() => PackedVersion.Parse(text));

        Assert.Equal($"Could not parse version from '{text}'", ex.Message);
        Assert.Equal(text, ex.VersionText);
        Assert.False(PackedVersion.TryParse(text, out _));
    }

    [Theory]
    [InlineData("100.0.1")]
    [InlineData("10.100.1")]
    [InlineData("10.0.1000000")]
    [InlineData("4294967295.0.0")]
    public void Rejects_unpackable_versions_with_libvirts_text(string text)
    {
        var ex = Assert.Throws<PackedVersionException>(() => PackedVersion.Parse(text));

        Assert.Equal($"Could not produce packed version number from '{text}'", ex.Message);
    }

    [Fact]
    public void TryParse_returns_the_packed_version()
    {
        Assert.True(PackedVersion.TryParse("10.0.17763", out var version));
        Assert.Equal(1000017763L, version!.Packed);
        Assert.False(PackedVersion.TryParse(null, out _));
    }

    [Fact]
    public void Orders_and_compares_by_packed_number()
    {
        var v2012R2 = PackedVersion.Parse("6.3.9600");
        var v2016 = PackedVersion.Parse("10.0.14393");
        var v2016Again = PackedVersion.Parse("10-0-14393");

        Assert.True(v2012R2 < v2016);
        Assert.True(v2016 > v2012R2);
        Assert.True(v2016 >= v2016Again);
        Assert.True(v2016 <= v2016Again);
        Assert.True(v2016 == v2016Again);
        Assert.False(v2016 != v2016Again);
        Assert.Equal(v2016, v2016Again);
        Assert.Equal(v2016.GetHashCode(), v2016Again.GetHashCode());
        Assert.True(v2012R2.CompareTo(v2016) < 0);
        Assert.True(v2016.CompareTo(null) > 0);
        Assert.Equal(
            new[] { v2012R2, v2016 },
            new[] { v2016, v2012R2 }.OrderBy(v => v).ToArray());
    }

    [Fact]
    public void Exception_is_a_format_exception()
    {
        Assert.IsAssignableFrom<FormatException>(Assert.Throws<PackedVersionException>(() => PackedVersion.Parse("x")));
    }
}
