namespace HyperVLibvirt.Simulator.Tests;

/// <summary>Finds the read-only reference folder (../shared next to the repository root).</summary>
internal static class SharedFiles
{
    private static readonly Lazy<string?> Root = new(FindShared);

    /// <summary>The shared folder, or null when it is not there.</summary>
    public static string? Directory => Root.Value;

    /// <summary>Why a test that needs the folder skips (the Core tests give the same words).</summary>
    public const string SkipReason =
        "../shared/fixtures not found beside the clone: recorded WinRM and libvirt traffic from public sources, not redistributed here (set HYPERVLIBVIRT_SHARED_DIR to a copy; README.md, \"Tests that skip\")";

    /// <summary>Path of a file under shared/fixtures/wsman.</summary>
    public static string WsManFixture(string name) => Path.Combine(Directory!, "fixtures", "wsman", name);

    /// <summary>Path of a file under shared/spec.</summary>
    public static string Spec(string name) => Path.Combine(Directory!, "spec", name);

    /// <summary>The folder of the libvirt client recordings.</summary>
    public static string LibvirtClient => Path.Combine(Directory!, "fixtures", "libvirt-client");

    private static string? FindShared()
    {
        // An explicit location wins, for a copy kept somewhere else.
        var configured = Environment.GetEnvironmentVariable("HYPERVLIBVIRT_SHARED_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return System.IO.Directory.Exists(Path.Combine(configured, "fixtures")) ? Path.GetFullPath(configured) : null;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var depth = 0; dir is not null && depth < 12; depth++, dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HyperVLibvirt.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                return System.IO.Directory.Exists(Path.Combine(shared, "fixtures")) ? shared : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that is skipped, with the reason, when ../shared is missing.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when the shared fixtures are not found.</summary>
    public SharedFactAttribute()
    {
        if (SharedFiles.Directory is null)
        {
            Skip = SharedFiles.SkipReason;
        }
    }
}

/// <summary>A theory that is skipped, with the reason, when ../shared is missing.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets Skip when the shared fixtures are not found.</summary>
    public SharedTheoryAttribute()
    {
        if (SharedFiles.Directory is null)
        {
            Skip = SharedFiles.SkipReason;
        }
    }
}
