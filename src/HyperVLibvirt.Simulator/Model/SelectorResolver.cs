namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Finds the one instance that WS-Management selectors name. Names and values compare
/// case-insensitively; a partial key is accepted when it names exactly one instance (Windows
/// accepts that too); the <c>__cimnamespace</c> selector is ignored.
/// </summary>
internal static class SelectorResolver
{
    public static CimInstance Resolve(ClassTable table, IReadOnlyList<KeyValuePair<string, string>> selectors)
    {
        var cimClass = table.Class;
        var given = new List<KeyValuePair<string, string>>(selectors.Count);
        foreach (var selector in selectors)
        {
            if (string.Equals(selector.Key, "__cimnamespace", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!cimClass.Keys.Contains(selector.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new CimException(CimErrorKind.InvalidSelectors, $"'{selector.Key}' is not a key of {cimClass.Name} (keys: {string.Join(", ", cimClass.Keys)}).", "UnexpectedSelectors");
            }

            foreach (var earlier in given)
            {
                if (string.Equals(earlier.Key, selector.Key, StringComparison.OrdinalIgnoreCase))
                {
                    throw new CimException(CimErrorKind.InvalidSelectors, $"The selector '{selector.Key}' is given twice.", "InvalidValue");
                }
            }

            given.Add(selector);
        }

        if (given.Count == cimClass.Keys.Count && cimClass.Keys.Count > 0)
        {
            var key = InstanceKeys.FromSelectors(cimClass, given)!;
            return table.Find(key) ?? throw NotFound(cimClass, given);
        }

        CimInstance? match = null;
        var count = 0;
        foreach (var instance in table.Items)
        {
            if (given.All(s => string.Equals(InstanceKeys.ValueText(instance[s.Key]), s.Value, StringComparison.OrdinalIgnoreCase)))
            {
                match = instance;
                if (++count > 1)
                {
                    break;
                }
            }
        }

        return count switch
        {
            1 => match!,
            0 when given.Count > 0 => throw NotFound(cimClass, given),
            _ => throw new CimException(CimErrorKind.InvalidSelectors, $"The selectors do not identify one instance of {cimClass.Name} (keys: {string.Join(", ", cimClass.Keys)}).", "InsufficientSelectors"),
        };
    }

    private static CimException NotFound(CimClassDefinition cimClass, IEnumerable<KeyValuePair<string, string>> selectors) =>
        new(CimErrorKind.NotFound, $"No {cimClass.Name} instance matches {string.Join(", ", selectors.Select(s => s.Key + "=" + s.Value))}.");
}
