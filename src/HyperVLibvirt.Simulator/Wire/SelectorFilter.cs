using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>
/// The SelectorFilter dialect of an Enumerate (DSP0226's selector filter, MS-WSMV 4.9's example):
/// keeps the instances whose properties match every selector.
/// </summary>
internal static class SelectorFilter
{
    /// <summary>The items whose named properties all equal the selector values (case-insensitive).</summary>
    public static List<CimInstance> Apply(IReadOnlyList<CimInstance> items, IReadOnlyList<KeyValuePair<string, string>> selectors)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var selector in selectors)
        {
            if (!seen.Add(selector.Key))
            {
                throw new WsManFaultException(WsManFaults.CannotProcessFilter("The selector filter names a property more than once. ", selector.Key));
            }
        }

        var matches = new List<CimInstance>();
        foreach (var instance in items)
        {
            var all = true;
            foreach (var selector in selectors)
            {
                var index = instance.Class.IndexOf(selector.Key);
                if (index < 0)
                {
                    throw new WsManFaultException(WsManFaults.CannotProcessFilter("The selector filter names an unknown property. ", selector.Key));
                }

                var value = instance.GetValue(index);
                if (value is null || !string.Equals(InstanceSerializer.ScalarText(value), selector.Value, StringComparison.OrdinalIgnoreCase))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                matches.Add(instance);
            }
        }

        return matches;
    }
}
