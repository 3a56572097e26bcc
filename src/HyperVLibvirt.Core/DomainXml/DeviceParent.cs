using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// Finds the setting a device's <c>Parent</c> (a WMI object path) points to, as libvirt's
/// hypervGetDeviceParentRasdFromDeviceId (src/hyperv/hyperv_driver.c) does: the path ends with
/// <c>InstanceID="&lt;id with each backslash doubled&gt;"</c>.
/// </summary>
public static class DeviceParent
{
    /// <summary>The first of <paramref name="candidates"/> whose InstanceID ends the path, or null.</summary>
    public static CimObject? Find(string? parentPath, IEnumerable<CimObject> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (string.IsNullOrEmpty(parentPath))
        {
            return null;
        }
        foreach (var candidate in candidates)
        {
            if (candidate.GetString("InstanceID") is { Length: > 0 } id
                && parentPath.EndsWith(id.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"", StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }
        return null;
    }
}
