using System.Text;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// WMI object paths as Hyper-V writes them into string properties (RASD Parent and HostResource):
/// <c>\\HOST\root\virtualization\v2:Class.Key="value",...</c>, keys in schema order, with
/// backslashes and double quotes in values escaped by a backslash (MOF string syntax).
/// </summary>
internal static class WmiObjectPath
{
    /// <summary>The full path of an instance on a host.</summary>
    public static string Of(string computerName, CimInstance instance)
    {
        var builder = new StringBuilder(160);
        builder.Append(@"\\").Append(computerName).Append('\\').Append(instance.Class.Namespace.Replace('/', '\\'))
            .Append(':').Append(instance.Class.Name).Append('.');
        var keys = instance.Class.Keys;
        for (var i = 0; i < keys.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(keys[i]).Append("=\"").Append(Escape(InstanceKeys.ValueText(instance[keys[i]]))).Append('"');
        }

        return builder.ToString();
    }

    /// <summary>A key value written inside double quotes.</summary>
    public static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
