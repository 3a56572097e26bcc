namespace HyperVLibvirt.Simulator.Tests.Wql;

/// <summary>Reads the WQL strings libvirt sent from ../shared/fixtures/libvirt-client/*/index.tsv.</summary>
internal static class LibvirtFixtures
{
    /// <summary>Every WQL filter in the recordings, or null when the shared folder is not there.</summary>
    public static IReadOnlyList<string>? Queries()
    {
        var folder = FixtureFolder();
        if (folder is null)
        {
            return null;
        }

        var queries = new List<string>();
        foreach (var index in Directory.GetFiles(folder, "index.tsv", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadAllLines(index))
            {
                var columns = line.Split('\t');
                if (columns.Length >= 5 && columns[2].EndsWith("/Enumerate", StringComparison.Ordinal))
                {
                    // The recordings keep the trailing space libvirt sends; keep it too.
                    queries.Add(string.Join('\t', columns.Skip(4)));
                }
            }
        }

        return queries;
    }

    private static string? FixtureFolder()
    {
        // Walk up from the test assembly to the repository root (the folder with the solution).
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        for (var depth = 0; directory is not null && depth < 12; depth++, directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HyperVLibvirt.sln")))
            {
                var folder = Path.Combine(directory.FullName, "..", "shared", "fixtures", "libvirt-client");
                return Directory.Exists(folder) ? Path.GetFullPath(folder) : null;
            }
        }

        return null;
    }
}
