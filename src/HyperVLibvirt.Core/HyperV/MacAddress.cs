using System.Globalization;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>MAC addresses as Hyper-V writes them (<c>00155D010203</c>) and as libvirt prints them (virMacAddrFormat: <c>00:15:5d:01:02:03</c>).</summary>
public static class MacAddress
{
    /// <summary>libvirt's form of a Hyper-V Address; null when it is not 12 hex digits (with or without separators).</summary>
    public static string? ToLibvirt(string? hyperV)
    {
        if (hyperV is null)
        {
            return null;
        }
        var digits = new string(hyperV.Where(c => c is not (':' or '-')).ToArray());
        if (digits.Length != 12 || !digits.All(char.IsAsciiHexDigit))
        {
            return null;
        }
        return string.Join(":", Enumerable.Range(0, 6).Select(i => digits.Substring(i * 2, 2).ToLower(CultureInfo.InvariantCulture)));
    }
}
