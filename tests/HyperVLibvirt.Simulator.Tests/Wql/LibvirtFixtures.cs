namespace HyperVLibvirt.Simulator.Tests.Wql;

/// <summary>Reads the WQL strings libvirt sent from ../shared/fixtures/libvirt-client/*/index.tsv.</summary>
internal static class LibvirtFixtures
{
    /// <summary>Every WQL filter in the recordings (use with [SharedFact]: needs ../shared).</summary>
    public static IReadOnlyList<string> Queries()
    {
        var folder = SharedFiles.LibvirtClient;

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
}
