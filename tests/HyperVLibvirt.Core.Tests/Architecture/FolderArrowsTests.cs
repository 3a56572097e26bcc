using System.Reflection;
using System.Text.RegularExpressions;
using HyperVLibvirt.Core.Connection;

namespace HyperVLibvirt.Core.Tests.Architecture;

/// <summary>
/// Core's folders point one way (src/HyperVLibvirt.Core/README.md): each may use only the folders below it,
/// and every namespace follows its folder. A new arrow upward fails here, in the source and in the assembly.
/// </summary>
public sealed partial class FolderArrowsTests
{
    // What each folder may use besides itself. Uris stands apart: only the session parses addresses.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["WsMan"] = [],
        ["Uris"] = [],
        ["HyperV"] = ["WsMan"],
        ["Connection"] = ["WsMan", "HyperV", "Uris"],
        ["Domains"] = ["WsMan", "HyperV", "Connection"],
        ["Lifecycle"] = ["WsMan", "HyperV", "Connection", "Domains"],
        ["Networks"] = ["WsMan", "HyperV", "Connection"],
        ["Node"] = ["WsMan", "HyperV", "Connection"],
        ["Vcpus"] = ["WsMan", "HyperV", "Connection", "Domains", "Node"],
        ["Guest"] = ["WsMan", "HyperV", "Connection", "Domains"],
        ["Snapshots"] = ["WsMan", "HyperV", "Connection", "Domains"],
        ["DomainXml"] = ["WsMan", "HyperV", "Connection", "Domains", "Storage"],
        ["Screenshots"] = ["WsMan", "HyperV", "Connection", "Domains"],
        ["Keyboard"] = ["WsMan", "HyperV", "Connection", "Domains"],
        ["Management"] = ["WsMan", "HyperV", "Connection", "Domains", "Lifecycle", "Snapshots"],
        ["Devices"] = ["WsMan", "HyperV", "Connection", "Domains", "Lifecycle", "Management", "DomainXml", "Storage"],
        ["Definition"] = ["WsMan", "HyperV", "Connection", "Domains", "Lifecycle", "Snapshots", "DomainXml", "Management", "Devices", "Storage"],
        ["Storage"] = ["WsMan", "HyperV", "Connection", "Lifecycle", "Management"],
    };

    [GeneratedRegex(@"HyperVLibvirt\.Core\.(\w+)")]
    private static partial Regex CoreNamespaceReference();

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_folder()
    {
        foreach (var (folder, file) in SourceFiles())
        {
            var declared = NamespaceDeclaration().Match(File.ReadAllText(file));
            Assert.True(declared.Success, $"{file} declares no file-scoped namespace");
            Assert.Equal("HyperVLibvirt.Core." + folder, declared.Groups[1].Value);
        }
    }

    [Fact]
    public void No_source_file_names_a_folder_above_its_own()
    {
        var violations = new List<string>();
        foreach (var (folder, file) in SourceFiles())
        {
            var text = File.ReadAllText(file);
            var body = NamespaceDeclaration().Replace(text, string.Empty);
            foreach (Match m in CoreNamespaceReference().Matches(body))
            {
                var used = m.Groups[1].Value;
                if (used != folder && !Allowed[folder].Contains(used))
                {
                    violations.Add($"{Path.GetFileName(file)} ({folder}) uses {used}");
                }
            }
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void No_type_signature_in_the_assembly_points_upward()
    {
        var violations = new List<string>();
        foreach (var type in typeof(HvConnection).Assembly.GetTypes())
        {
            var folder = FolderOf(type);
            Assert.True(folder is not null, $"{type.FullName} is outside HyperVLibvirt.Core.<Folder>");
            if (folder == "<compiler>")
            {
                continue;
            }
            foreach (var used in SignatureTypes(type).Select(FolderOf).OfType<string>().Distinct())
            {
                if (used != folder && !Allowed[folder!].Contains(used))
                {
                    violations.Add($"{type.FullName} ({folder}) uses {used}");
                }
            }
        }
        Assert.Empty(violations);
    }

    private static string? FolderOf(Type type)
    {
        var ns = type.Namespace ?? string.Empty;
        const string prefix = "HyperVLibvirt.Core.";
        if (!ns.StartsWith(prefix, StringComparison.Ordinal))
        {
            return type.Assembly == typeof(HvConnection).Assembly && ns.Length == 0 ? "<compiler>" : null;
        }
        var rest = ns[prefix.Length..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = new List<Type>();
        if (type.BaseType is { } b)
        {
            types.Add(b);
        }
        types.AddRange(type.GetInterfaces());
        types.AddRange(type.GetFields(all).Select(f => f.FieldType));
        types.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            types.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo mi)
            {
                types.Add(mi.ReturnType);
            }
        }
        return types.SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Unwrap(type.GetElementType()!))
            {
                yield return inner;
            }
            yield break;
        }
        yield return type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return argument;
            }
        }
    }

    private static IEnumerable<(string Folder, string File)> SourceFiles()
    {
        var root = CoreSourceRoot();
        foreach (var folder in Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>())
        {
            if (folder is "bin" or "obj" || !Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories).Any())
            {
                continue;
            }
            Assert.True(Allowed.ContainsKey(folder), $"The folder {folder} has no place in the arrows; add it to README.md and to this test.");
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                yield return (folder, file);
            }
        }
        Assert.Empty(Directory.GetFiles(root, "*.cs"));
    }

    private static string CoreSourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HyperVLibvirt.sln")))
            {
                return Path.Combine(dir.FullName, "src", "HyperVLibvirt.Core");
            }
        }
        throw new InvalidOperationException("The repository root (HyperVLibvirt.sln) is not above " + AppContext.BaseDirectory);
    }
}
