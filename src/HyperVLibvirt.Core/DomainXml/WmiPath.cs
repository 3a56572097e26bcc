namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// Reads key values from a WMI object path as Hyper-V writes them in HostResource and Parent, e.g.
/// <c>\\HOST\root\virtualization\v2:Msvm_DiskDrive.CreationClassName="Msvm_DiskDrive",DeviceID="Microsoft:…\\…",…</c>
/// (backslashes inside a quoted value are doubled, quotes escaped with a backslash).
/// </summary>
public static class WmiPath
{
    /// <summary>The unescaped value of key <paramref name="key"/>, or null when the path has no such key.</summary>
    public static string? KeyValue(string? path, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }
        var colon = path.IndexOf(':', path.StartsWith(@"\\", StringComparison.Ordinal) ? 2 : 0);
        var keys = path.IndexOf('.', Math.Max(colon, 0));
        if (keys < 0)
        {
            return null;
        }
        var i = keys + 1;
        while (i < path.Length)
        {
            var equals = path.IndexOf('=', i);
            if (equals < 0)
            {
                return null;
            }
            var name = path[i..equals];
            var (value, next) = ReadValue(path, equals + 1);
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
            i = next + 1; // past the comma
        }
        return null;
    }

    private static (string Value, int End) ReadValue(string path, int start)
    {
        if (start >= path.Length || path[start] != '"')
        {
            var comma = path.IndexOf(',', start);
            var end = comma < 0 ? path.Length : comma;
            return (path[start..end], end);
        }
        var value = new System.Text.StringBuilder();
        var i = start + 1;
        for (; i < path.Length && path[i] != '"'; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && path[i + 1] is '\\' or '"')
            {
                i++;
            }
            value.Append(path[i]);
        }
        return (value.ToString(), i + 1);
    }
}
