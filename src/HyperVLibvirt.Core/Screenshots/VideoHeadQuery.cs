using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Screenshots;

/// <summary>
/// The WQL for the video heads of many domains at once. libvirt's hypervGetVideoResolution
/// (src/hyperv/hyperv_driver.c) asks per domain for its Msvm_SyntheticDisplayController (then
/// Msvm_S3DisplayController) and the Msvm_VideoHead associated with it; every head's <c>SystemName</c> is
/// already its VM's GUID, so one query on Msvm_VideoHead answers for up to <see cref="MaxDomainsPerQuery"/> domains.
/// </summary>
public static class VideoHeadQuery
{
    /// <summary>The class.</summary>
    public const string ClassName = "Msvm_VideoHead";

    /// <summary>Domains per query, as for job polls: the WQL stays short of WMI's query length limit.</summary>
    public const int MaxDomainsPerQuery = 32;

    /// <summary><c>SELECT * FROM Msvm_VideoHead WHERE SystemName = '…' OR …</c> for <paramref name="domains"/>.</summary>
    public static string For(IEnumerable<Guid> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var terms = domains.Select(d => "SystemName = " + WqlEscape.Quoted(d.ToString("D"))).ToArray();
        if (terms.Length == 0)
        {
            throw new ArgumentException("At least one domain is needed.", nameof(domains));
        }
        return "SELECT * FROM " + ClassName + " WHERE " + string.Join(" OR ", terms);
    }

    /// <summary>
    /// The resolution a domain shows: of its heads (a generation 1 VM has one on each display controller) the
    /// enabled ones with a resolution (libvirt compares EnabledState, a string in its class list, with "2"), the
    /// largest if several; null when none.
    /// </summary>
    public static ScreenSize? ResolutionOf(IEnumerable<WsMan.CimObject> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        ScreenSize? best = null;
        foreach (var head in heads)
        {
            if (head.GetString("EnabledState")?.Trim() != "2"
                || head.GetUInt64("CurrentHorizontalResolution") is not (> 0 and <= ScreenSize.MaxSide and var width)
                || head.GetUInt64("CurrentVerticalResolution") is not (> 0 and <= ScreenSize.MaxSide and var height))
            {
                continue;
            }
            var size = new ScreenSize((int)width, (int)height);
            if (best is null || size.Pixels > best.Value.Pixels)
            {
                best = size;
            }
        }
        return best;
    }
}
