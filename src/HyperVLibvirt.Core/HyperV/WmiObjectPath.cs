namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// Reads the key of a WMI object path such as Msvm_VirtualSystemSettingData.Parent:
/// <c>\\HOST\root\virtualization\v2:Msvm_VirtualSystemSettingData.InstanceID="Microsoft:&lt;GUID&gt;"</c>, where a
/// backslash or quote inside the value is escaped with a backslash.
/// </summary>
public static class WmiObjectPath
{
    /// <summary>The value of the key <paramref name="key"/> in <paramref name="path"/>, or null when the path has none or is malformed.</summary>
    public static string? KeyValue(string? path, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }
        var colon = path.IndexOf(':', path.StartsWith(@"\\", StringComparison.Ordinal) ? 2 : 0);
        var marker = path.IndexOf("." + key + "=\"", Math.Max(colon, 0), StringComparison.OrdinalIgnoreCase);
        var comma = path.IndexOf("," + key + "=\"", Math.Max(colon, 0), StringComparison.OrdinalIgnoreCase);
        var start = marker >= 0 ? marker : comma;
        if (start < 0)
        {
            return null;
        }
        var value = new System.Text.StringBuilder();
        for (var i = start + key.Length + 3; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\\' && i + 1 < path.Length)
            {
                value.Append(path[++i]);
            }
            else if (c == '"')
            {
                return value.ToString();
            }
            else
            {
                value.Append(c);
            }
        }
        return null;
    }
}
