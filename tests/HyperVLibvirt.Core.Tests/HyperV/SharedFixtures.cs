using System.Globalization;
using System.Xml.Linq;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.HyperV;

/// <summary>
/// Finds ../shared/fixtures beside the clone (or HYPERVLIBVIRT_SHARED_DIR) and reads the first
/// instance of a recorded PullResponse into a CimObject. Test-only: production parsing is WsMan's.
/// </summary>
internal static class SharedFixtures
{
    private static readonly XNamespace Enumeration = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace CimCommon = "http://schemas.dmtf.org/wbem/wscim/1/common";

    public static string? Directory { get; } = Locate();

    public static string? PathOf(string relative) =>
        Directory is null ? null : Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar));

    public static CimObject ReadFirstPulledInstance(string relative)
    {
        var document = XDocument.Load(PathOf(relative) ?? throw new InvalidOperationException("shared fixtures not found"));
        var instance = document.Descendants(Enumeration + "Items").Single().Elements().First();
        var properties = instance.Elements()
            .GroupBy(e => e.Name.LocalName)
            .Select(g => new CimProperty(g.Key, g.Count() == 1 ? ValueOf(g.First()) : CimValue.FromArray(g.Select(ValueOf).ToArray())))
            .ToArray();
        return new CimObject(instance.Name.LocalName, instance.Name.NamespaceName, properties);
    }

    private static CimValue ValueOf(XElement element)
    {
        if ((string?)element.Attribute(Xsi + "nil") == "true")
        {
            return CimValue.Null;
        }
        var datetime = element.Element(CimCommon + "Datetime");
        if (datetime is not null)
        {
            return CimValue.FromDateTime(DateTimeOffset.Parse(datetime.Value, CultureInfo.InvariantCulture), datetime.Value);
        }
        return CimValue.FromText(element.Value);
    }

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("HYPERVLIBVIRT_SHARED_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            var fixtures = Path.Combine(configured, "fixtures");
            return System.IO.Directory.Exists(fixtures) ? fixtures : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HyperVLibvirt.sln")))
            {
                var fixtures = Path.Combine(dir.FullName, "..", "shared", "fixtures");
                return System.IO.Directory.Exists(fixtures) ? Path.GetFullPath(fixtures) : null;
            }
        }
        return null;
    }
}

/// <summary>A fact that skips, with the reason, when ../shared/fixtures/&lt;file&gt; is absent (as in a fresh clone).</summary>
internal sealed class SharedFixtureFactAttribute : FactAttribute
{
    public SharedFixtureFactAttribute(string relativePath)
    {
        var path = SharedFixtures.PathOf(relativePath);
        if (path is null || !File.Exists(path))
        {
            Skip = $"Shared fixture '{relativePath}' not found: ../shared is absent beside this clone.";
        }
    }
}
