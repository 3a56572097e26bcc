using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Storage;

/// <summary>
/// WQL for the host's files, read in one query per chunk of paths from root/cimv2's CIM_DataFile (Microsoft's Win32
/// provider looks each Name, the class's key, up directly), instead of one Msvm_ImageManagementService call per file.
/// </summary>
public static class HostFileQuery
{
    /// <summary>Paths per query: keeps the WQL well under WinRM's limits.</summary>
    public const int PathsPerQuery = 32;

    /// <summary>One query per chunk of <paramref name="paths"/> (duplicates, in any case, asked once), for Name and FileSize.</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return paths
            .Where(p => !string.IsNullOrEmpty(p))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Chunk(PathsPerQuery)
            .Select(chunk => "SELECT Name, FileSize FROM CIM_DataFile WHERE " + string.Join(" OR ", chunk.Select(p => "Name = " + WqlEscape.Quoted(p))))
            .ToArray();
    }
}
