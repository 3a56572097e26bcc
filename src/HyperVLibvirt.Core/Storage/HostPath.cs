namespace HyperVLibvirt.Core.Storage;

/// <summary>
/// Paths on the Hyper-V host, checked on the client before anything is sent: the host's services take only absolute
/// paths (<c>C:\dir\file</c> or <c>\\server\share\file</c>), and NTFS compares them without case.
/// </summary>
public static class HostPath
{
    /// <summary>Compares host paths as NTFS does.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    // Characters Windows forbids in a file name (Microsoft's "Naming Files, Paths, and Namespaces"); ':' only after the drive letter.
    private static readonly char[] Forbidden = ['<', '>', '"', '|', '?', '*', '/'];

    /// <summary>Whether <paramref name="path"/> is an absolute Windows path to a file: a drive or UNC share, then at least a name, no forbidden characters.</summary>
    public static bool IsAbsolute(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.EndsWith('\\') || path.Any(char.IsControl) || path.IndexOfAny(Forbidden) >= 0)
        {
            return false;
        }
        if (path.Length >= 4 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] == '\\')
        {
            return path.IndexOf(':', 2) < 0;
        }
        // \\server\share\file: a server, a share and a file name.
        return path.StartsWith(@"\\", StringComparison.Ordinal) && path.IndexOf(':') < 0
            && path[2..].Split('\\').Length >= 3 && path[2..].Split('\\').All(part => part.Length > 0);
    }

    /// <summary>The virtual hard disk format a file name's extension names (.vhd, .vhdx), or null.</summary>
    public static VirtualHardDiskFormat? FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith(".vhdx", StringComparison.OrdinalIgnoreCase) ? VirtualHardDiskFormat.Vhdx
            : path.EndsWith(".vhd", StringComparison.OrdinalIgnoreCase) ? VirtualHardDiskFormat.Vhd
            : null;
    }
}
