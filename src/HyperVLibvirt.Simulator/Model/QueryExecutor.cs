using HyperVLibvirt.Simulator.Wql;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Runs parsed WQL against one namespace's tables: SELECT with its WHERE clause and property
/// list, and ASSOCIATORS OF / REFERENCES OF with AssocClass, ResultClass, Role and ResultRole.
/// </summary>
internal static class QueryExecutor
{
    /// <summary>Runs a SELECT: the matching instances and, for a property list, the properties to send.</summary>
    public static QueryResult Select(HostNamespace ns, WqlSelectQuery select, string computerName)
    {
        var table = TableOf(ns, select.ClassName);
        var cimClass = table.Class;
        IReadOnlyList<string>? selected = null;
        if (select.Properties is { } properties)
        {
            selected = properties.Select(p =>
            {
                var index = cimClass.IndexOf(p);
                return index >= 0
                    ? cimClass.Properties[index].Name
                    : throw new CimException(CimErrorKind.InvalidQuery, $"Invalid query: '{p}' is not a property of {cimClass.Name}.");
            }).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        }

        var context = new WqlQueryContext(computerName, ns.Catalog.ParentOf);
        var derived = DerivedTables(ns, cimClass.Name);
        var items = table.Items;
        if (select.Where is null && derived.Count == 0)
        {
            return new QueryResult(items.ToArray(), selected);
        }

        var matches = new List<CimInstance>();
        Collect(table, select.Where, context, matches);
        foreach (var subclassTable in derived)
        {
            Collect(subclassTable, select.Where, context, matches);
        }

        return new QueryResult(matches, selected);
    }

    // WMI answers a query on a class with the instances of its subclasses too
    // (Msvm_SerialPortSettingData in a query on Msvm_ResourceAllocationSettingData).
    private static List<ClassTable> DerivedTables(HostNamespace ns, string className)
    {
        var derived = new List<ClassTable>();
        foreach (var candidate in ns.Catalog.Classes)
        {
            if (!string.Equals(candidate.Name, className, StringComparison.OrdinalIgnoreCase)
                && ns.Catalog.ParentOf(candidate.Name) is not null
                && ns.Catalog.IsSameOrDerived(candidate.Name, className)
                && ns.Table(candidate.Name) is { } subclassTable)
            {
                derived.Add(subclassTable);
            }
        }

        return derived;
    }

    private static void Collect(ClassTable table, WqlExpression? where, WqlQueryContext context, List<CimInstance> matches)
    {
        if (where is null)
        {
            matches.AddRange(table.Items);
            return;
        }

        var predicate = WqlPredicateCompiler.Compile(where, table.Class, context);
        foreach (var instance in table.Items)
        {
            if (predicate(instance))
            {
                matches.Add(instance);
            }
        }
    }

    /// <summary>Runs ASSOCIATORS OF or REFERENCES OF: each result once, in association order.</summary>
    public static List<CimInstance> Associators(HostNamespace ns, WqlAssociatorsQuery query)
    {
        if (query.ResultClass is null || ns.IsDeferred(query.ResultClass))
        {
            // The answer may include deferred instances (devices): fill them first.
            ns.LoadDeferred();
        }

        var sourceTable = TableOf(ns, query.Source.ClassName);
        var selectors = query.Source.Keys
            .Select(k => k.Key.Length == 0 && sourceTable.Class.Keys.Count == 1 ? new KeyValuePair<string, string>(sourceTable.Class.Keys[0], k.Value) : k)
            .ToArray();
        CimInstance source;
        try
        {
            source = SelectorResolver.Resolve(sourceTable, selectors);
        }
        catch (CimException ex) when (ex.Kind == CimErrorKind.InvalidSelectors)
        {
            throw new CimException(CimErrorKind.InvalidQuery, "Invalid object path: " + ex.Message);
        }

        if (query.AssocClass is { } assocClass)
        {
            TableOf(ns, assocClass);
        }

        if (query.ResultClass is { } resultClass && ns.Catalog.Find(resultClass) is null)
        {
            throw new CimException(CimErrorKind.InvalidClass, $"Invalid class: {resultClass}.");
        }

        var sourceText = InstanceKeys.ReferenceText(InstanceKeys.ReferenceTo(source));
        var results = new List<CimInstance>();
        var seen = new HashSet<CimInstance>(ReferenceEqualityComparer.Instance);
        foreach (var association in ns.AssociationsOf(sourceText))
        {
            var associationClass = association.Class;
            if (query.AssocClass is not null && !ns.Catalog.IsSameOrDerived(associationClass.Name, query.AssocClass))
            {
                continue;
            }

            // Find which end is the source (Role), then collect the other ends (ResultRole).
            var sourceEnds = new List<int>();
            for (var i = 0; i < associationClass.Properties.Count; i++)
            {
                if (association.GetValue(i) is CimReference r
                    && string.Equals(InstanceKeys.ReferenceText(r), sourceText, StringComparison.OrdinalIgnoreCase)
                    && (query.Role is null || string.Equals(associationClass.Properties[i].Name, query.Role, StringComparison.OrdinalIgnoreCase)))
                {
                    sourceEnds.Add(i);
                }
            }

            if (sourceEnds.Count == 0)
            {
                continue;
            }

            if (query.IsReferences)
            {
                if ((query.ResultClass is null || ns.Catalog.IsSameOrDerived(associationClass.Name, query.ResultClass)) && seen.Add(association))
                {
                    results.Add(association);
                }

                continue;
            }

            for (var i = 0; i < associationClass.Properties.Count; i++)
            {
                if (sourceEnds.Contains(i) || association.GetValue(i) is not CimReference other)
                {
                    continue;
                }

                if (query.ResultRole is not null && !string.Equals(associationClass.Properties[i].Name, query.ResultRole, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var target = Dereference(ns, other);
                if (target is null || (query.ResultClass is not null && !ns.Catalog.IsSameOrDerived(target.Class.Name, query.ResultClass)))
                {
                    continue;
                }

                if (seen.Add(target))
                {
                    results.Add(target);
                }
            }
        }

        return results;
    }

    private static CimInstance? Dereference(HostNamespace ns, CimReference reference)
    {
        var className = reference.ResourceUri[(reference.ResourceUri.LastIndexOf('/') + 1)..];
        var table = ns.Table(className);
        var key = table is null ? null : InstanceKeys.FromSelectors(table.Class, reference.Selectors);
        return key is null ? null : table!.Find(key);
    }

    /// <summary>The table of a class; an unknown class is WMI's "Invalid class".</summary>
    public static ClassTable TableOf(HostNamespace ns, string className) =>
        ns.Table(className) ?? throw new CimException(CimErrorKind.InvalidClass, $"Invalid class: {className} does not exist in {ns.Name}.");
}
