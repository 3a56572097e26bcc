using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Tests.HyperV;

public class WindowsReleaseTests
{
    [Theory]
    [InlineData("6.0.6001", "Windows Server 2008")]
    [InlineData("6.0.6002", "Windows Server 2008")]
    [InlineData("6.1.7600", "Windows Server 2008 R2")]
    [InlineData("6.1.7601", "Windows Server 2008 R2")]
    [InlineData("6.2.9200", "Windows Server 2012")]
    [InlineData("6.3.9600", "Windows Server 2012 R2")]
    [InlineData("10.0.14393", "Windows Server 2016")]
    [InlineData("10.0.17763", "Windows Server 2019")]
    [InlineData("10.0.20348", "Windows Server 2022")]
    [InlineData("10.0.26100", "Windows Server 2025")]
    [InlineData("10.0.26100.1742", "Windows Server 2025")]
    public void Names_server_releases(string version, string expected)
    {
        Assert.Equal(expected, WindowsRelease.FromVersion(Version.Parse(version)));
    }

    [Theory]
    [InlineData("10.0.19045", "Windows 10.0.19045 (unknown release)")]
    [InlineData("10.0.22631", "Windows 10.0.22631 (unknown release)")]
    [InlineData("5.2.3790", "Windows 5.2.3790 (unknown release)")]
    [InlineData("11.0", "Windows 11.0.0 (unknown release)")]
    public void Unknown_builds_are_named_honestly(string version, string expected)
    {
        Assert.Equal(expected, WindowsRelease.FromVersion(Version.Parse(version)));
    }
}
