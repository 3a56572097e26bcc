using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests;

/// <summary>Locates ../shared (next to the folder holding HyperVLibvirt.sln) for the real WS-Man captures.</summary>
internal static class SharedFixtures
{
    private static readonly Lazy<string?> s_root = new(Locate);

    /// <summary>The fixtures/wsman folder, or null when the shared folder is absent.</summary>
    public static string? WsManFolder => s_root.Value is { } r ? Path.Combine(r, "fixtures", "wsman") : null;

    // The same words as the simulator tests' reason, so the test summary counts them as one reason.
    public static string SkipReason =>
        "../shared/fixtures not found beside the clone: recorded WinRM and libvirt traffic from public sources, not redistributed here (set HYPERVLIBVIRT_SHARED_DIR to a copy; README.md, \"Tests that skip\")";

    public static string PathOf(string name) =>
        Path.Combine(WsManFolder ?? throw new InvalidOperationException(SkipReason), name);

    private static string? Locate()
    {
        // An explicit location wins, for running the tests from somewhere else.
        var configured = Environment.GetEnvironmentVariable("HYPERVLIBVIRT_SHARED_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(Path.Combine(configured, "fixtures", "wsman")) ? Path.GetFullPath(configured) : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HyperVLibvirt.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(Path.Combine(shared, "fixtures", "wsman")) ? shared : null;
            }
        }
        return null;
    }

    /// <summary>What a fixture holds once parsed.</summary>
    public sealed record Parsed(string? Action, WsManFault? Fault, List<CimObject> Items, string? Context, bool EndOfSequence, CimObject? Single);

    /// <summary>Parses a fixture the way the client parses a response.</summary>
    public static Parsed Parse(string name, string? fragmentClass = null)
    {
        using var stream = File.OpenRead(PathOf(name));
        return Parse(stream, fragmentClass);
    }

    public static Parsed Parse(Stream stream, string? fragmentClass = null)
    {
        using var rr = ResponseReader.Open(stream, out var hasBody);
        if (rr.Fault is not null || !hasBody)
        {
            rr.ReadToEnd();
            return new Parsed(rr.Action, rr.Fault, new List<CimObject>(), null, false, null);
        }
        var r = rr.Reader;
        if (r.NamespaceURI == WsManNamespaces.Enumeration)
        {
            rr.FragmentClassName = fragmentClass;
            var items = new List<CimObject>();
            while (rr.ReadNextItem() is { } item)
            {
                items.Add(item);
            }
            rr.ReadToEnd();
            return new Parsed(rr.Action, null, items, rr.EnumerationContext, rr.EndOfSequence, null);
        }
        var single = InstanceReader.ReadInstance(r, rr.Names);
        rr.ReadToEnd();
        return new Parsed(rr.Action, null, new List<CimObject>(), null, false, single);
    }
}

/// <summary>A fact skipped (with the reason) when the shared fixtures are absent.</summary>
public sealed class SharedFixtureFactAttribute : FactAttribute
{
    public SharedFixtureFactAttribute()
    {
        if (SharedFixtures.WsManFolder is null)
        {
            Skip = SharedFixtures.SkipReason;
        }
    }
}

/// <summary>A theory skipped (with the reason) when the shared fixtures are absent.</summary>
public sealed class SharedFixtureTheoryAttribute : TheoryAttribute
{
    public SharedFixtureTheoryAttribute()
    {
        if (SharedFixtures.WsManFolder is null)
        {
            Skip = SharedFixtures.SkipReason;
        }
    }
}
