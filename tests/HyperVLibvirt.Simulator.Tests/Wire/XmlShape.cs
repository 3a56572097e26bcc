using System.Text;
using System.Xml.Linq;

namespace HyperVLibvirt.Simulator.Tests.Wire;

/// <summary>
/// Compares two XML documents element for element by namespace URI + local name and order, and
/// attribute sets by namespace + name, ignoring text values, whitespace, comments and namespace
/// declarations. Children of an element that is nil on either side are not compared (nil-ness is a value).
/// </summary>
internal static class XmlShape
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Loads XML, skipping a leading comment or declaration.</summary>
    public static XElement Load(string xml) => XDocument.Parse(xml).Root!;

    /// <summary>Returns the differences (empty when the shapes match).</summary>
    public static List<string> Differences(XElement expected, XElement actual, Func<XElement, bool>? ignore = null)
    {
        var differences = new List<string>();
        Compare(expected, actual, "/" + expected.Name.LocalName, differences, ignore ?? (_ => false));
        return differences;
    }

    /// <summary>Asserts the shapes match, listing the first differences.</summary>
    public static void AssertSameShape(XElement expected, XElement actual, Func<XElement, bool>? ignore = null)
    {
        var differences = Differences(expected, actual, ignore);
        Assert.True(differences.Count == 0, "XML shapes differ:\n" + string.Join("\n", differences.Take(15)));
    }

    private static void Compare(XElement expected, XElement actual, string path, List<string> differences, Func<XElement, bool> ignore)
    {
        if (expected.Name != actual.Name)
        {
            differences.Add($"{path}: expected element {expected.Name}, got {actual.Name}");
            return;
        }

        var expectedAttributes = AttributeNames(expected);
        var actualAttributes = AttributeNames(actual);
        if (!expectedAttributes.SetEquals(actualAttributes))
        {
            differences.Add($"{path}: attributes [{string.Join(", ", expectedAttributes.Order())}] vs [{string.Join(", ", actualAttributes.Order())}]");
        }

        if (IsNil(expected) || IsNil(actual))
        {
            return;
        }

        var expectedChildren = expected.Elements().Where(e => !ignore(e)).ToList();
        var actualChildren = actual.Elements().Where(e => !ignore(e)).ToList();
        for (var i = 0; i < Math.Max(expectedChildren.Count, actualChildren.Count); i++)
        {
            if (i >= expectedChildren.Count)
            {
                differences.Add($"{path}: unexpected extra element {actualChildren[i].Name}");
                return;
            }

            if (i >= actualChildren.Count)
            {
                differences.Add($"{path}: missing element {expectedChildren[i].Name}");
                return;
            }

            Compare(expectedChildren[i], actualChildren[i], path + "/" + expectedChildren[i].Name.LocalName, differences, ignore);
        }
    }

    private static HashSet<string> AttributeNames(XElement element) => element.Attributes()
        .Where(a => !a.IsNamespaceDeclaration && a.Name != Xsi + "nil")
        .Select(a => a.Name.ToString())
        .ToHashSet();

    private static bool IsNil(XElement element) => (string?)element.Attribute(Xsi + "nil") == "true";

    /// <summary>Decodes a response body as UTF-8.</summary>
    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
