using System.Globalization;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>Names the Windows Server release behind a host's OS version.</summary>
public static class WindowsRelease
{
    /// <summary>
    /// The release name for a version: "Windows Server 2008" (6.0), "… 2008 R2" (6.1), "… 2012" (6.2),
    /// "… 2012 R2" (6.3), "… 2016" (10.0.14393), "… 2019" (10.0.17763), "… 2022" (10.0.20348),
    /// "… 2025" (10.0.26100).
    /// </summary>
    /// <remarks>
    /// Client Windows shares kernel versions with servers (Windows 8.1 is also 6.3.9600, Windows 10
    /// 1809 is also 10.0.17763), so the version alone cannot tell them apart and the server name is
    /// given; <c>Win32_OperatingSystem.Caption</c> has the exact product. Any other build, such as a
    /// Windows 10/11 client or an Insider build, gives an honest
    /// <c>"Windows 10.0.19045 (unknown release)"</c> rather than a guess. Never null.
    /// </remarks>
    public static string FromVersion(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var known = (version.Major, version.Minor) switch
        {
            (6, 0) => "Windows Server 2008",
            (6, 1) => "Windows Server 2008 R2",
            (6, 2) => "Windows Server 2012",
            (6, 3) => "Windows Server 2012 R2",
            (10, 0) => version.Build switch
            {
                14393 => "Windows Server 2016",
                17763 => "Windows Server 2019",
                20348 => "Windows Server 2022",
                26100 => "Windows Server 2025",
                _ => null,
            },
            _ => null,
        };
        return known ?? string.Create(CultureInfo.InvariantCulture,
            $"Windows {version.Major}.{version.Minor}.{Math.Max(version.Build, 0)} (unknown release)");
    }
}
