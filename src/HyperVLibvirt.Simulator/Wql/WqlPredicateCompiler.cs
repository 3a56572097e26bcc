using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Wql;

/// <summary>
/// Turns a WHERE condition into a delegate over instances of one class, resolving property
/// names to slots and converting constants once, so filtering 100,000 instances is a tight loop.
/// A comparison involving null is false (and its NOT is true), as in WMI.
/// </summary>
internal static class WqlPredicateCompiler
{
    /// <summary>Compiles <paramref name="expression"/>; throws <see cref="CimException"/> (InvalidQuery) for unknown properties or type mismatches.</summary>
    public static Func<CimInstance, bool> Compile(WqlExpression expression, CimClassDefinition cimClass, WqlQueryContext context)
    {
        // Fold NOT chains iteratively: the parser allows any number of them.
        var negate = false;
        while (expression is WqlNot not)
        {
            negate = !negate;
            expression = not.Operand;
        }

        var compiled = expression switch
        {
            WqlAnd => CompileChain<WqlAnd>(expression, cimClass, context, all: true),
            WqlOr => CompileChain<WqlOr>(expression, cimClass, context, all: false),
            WqlComparison comparison => CompileComparison(comparison, cimClass, context),
            WqlLike like => CompileLike(like, cimClass, context),
            WqlIsNull isNull => CompileIsNull(isNull, cimClass, context),
            _ => throw new CimException(CimErrorKind.InvalidQuery, "Invalid query."),
        };

        if (!negate)
        {
            return compiled;
        }

        return instance => !compiled(instance);
    }

    private static Func<CimInstance, bool> CompileChain<TNode>(WqlExpression root, CimClassDefinition cimClass, WqlQueryContext context, bool all)
        where TNode : WqlExpression
    {
        // A AND B AND C parses left-deep; flatten it with an explicit stack so long chains
        // cannot exhaust the call stack.
        var terms = new List<Func<CimInstance, bool>>();
        var pending = new Stack<WqlExpression>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is TNode)
            {
                var (left, right) = node switch
                {
                    WqlAnd a => (a.Left, a.Right),
                    WqlOr o => (o.Left, o.Right),
                    _ => throw new InvalidOperationException(),
                };
                pending.Push(right);
                pending.Push(left);
            }
            else
            {
                terms.Add(Compile(node, cimClass, context));
            }
        }

        var array = terms.ToArray();
        if (all)
        {
            return instance =>
            {
                foreach (var term in array)
                {
                    if (!term(instance))
                    {
                        return false;
                    }
                }

                return true;
            };
        }

        return instance =>
        {
            foreach (var term in array)
            {
                if (term(instance))
                {
                    return true;
                }
            }

            return false;
        };
    }

    private static Func<CimInstance, bool> CompileComparison(WqlComparison comparison, CimClassDefinition cimClass, WqlQueryContext context)
    {
        if (InstancePathComparison(comparison, cimClass) is { } byPath)
        {
            return byPath;
        }

        var left = ResolveOperand(comparison.Left, cimClass, context);
        var right = ResolveOperand(comparison.Right, cimClass, context);
        var op = comparison.Operator;
        RejectArray(left);
        RejectArray(right);

        if (left.IsConstant && right.IsConstant)
        {
            var result = left.Constant is not null && right.Constant is not null
                && WqlValueComparer.Compare(left.Constant, right.Constant) is { } c && WqlValueComparer.Satisfies(c, op);
            return _ => result;
        }

        if (left.IsConstant)
        {
            // Put the property on the left: 5 < X is X > 5.
            (left, right) = (right, left);
            op = Mirror(op);
        }

        if (right.IsConstant)
        {
            var index = left.Index;
            var constant = WqlValueComparer.CoerceConstant(right.Constant, left.Type, left.Name);
            if (constant is null)
            {
                return _ => false;
            }

            if (constant is string text && op is WqlComparisonOperator.Equal or WqlComparisonOperator.NotEqual)
            {
                var wantEqual = op == WqlComparisonOperator.Equal;
                return instance => instance.GetValue(index) is string value
                    && string.Equals(value, text, StringComparison.OrdinalIgnoreCase) == wantEqual;
            }

            return instance => instance.GetValue(index) is { } value
                && WqlValueComparer.Compare(value, constant) is { } c && WqlValueComparer.Satisfies(c, op);
        }

        var leftIndex = left.Index;
        var rightIndex = right.Index;
        return instance => instance.GetValue(leftIndex) is { } a && instance.GetValue(rightIndex) is { } b
            && WqlValueComparer.Compare(a, b) is { } c && WqlValueComparer.Satisfies(c, op);
    }

    private static Func<CimInstance, bool> CompileLike(WqlLike like, CimClassDefinition cimClass, WqlQueryContext context)
    {
        var operand = ResolveOperand(like.Operand, cimClass, context);
        RejectArray(operand);
        var pattern = WqlLikePattern.Parse(like.Pattern);
        var negated = like.Negated;
        if (operand.IsConstant)
        {
            var result = operand.Constant is not null && pattern.IsMatch(InstanceKeys.ValueText(operand.Constant)) != negated;
            return _ => result;
        }

        var index = operand.Index;
        return instance => instance.GetValue(index) is { } value
            && pattern.IsMatch(value as string ?? InstanceKeys.ValueText(value)) != negated;
    }

    private static Func<CimInstance, bool> CompileIsNull(WqlIsNull isNull, CimClassDefinition cimClass, WqlQueryContext context)
    {
        var operand = ResolveOperand(isNull.Operand, cimClass, context);
        var wantNull = !isNull.Negated;
        if (operand.IsConstant)
        {
            var result = (operand.Constant is null) == wantNull;
            return _ => result;
        }

        var index = operand.Index;
        return instance => (instance.GetValue(index) is null) == wantNull;
    }

    private static ResolvedOperand ResolveOperand(WqlOperand operand, CimClassDefinition cimClass, WqlQueryContext context)
    {
        if (operand is WqlLiteral literal)
        {
            return ResolvedOperand.ForConstant(literal.Value);
        }

        var property = (WqlPropertyOperand)operand;
        if (property.IsSystemProperty)
        {
            return ResolvedOperand.ForConstant(SystemPropertyValue(property, cimClass, context));
        }

        var index = cimClass.IndexOf(property.Name);
        if (index < 0)
        {
            throw new CimException(CimErrorKind.InvalidQuery, $"Invalid query: '{property.Name}' is not a property of {cimClass.Name}.");
        }

        var definition = cimClass.Properties[index];
        return new ResolvedOperand(false, null, index, definition.Name, definition.Type, definition.IsArray);
    }

    // __PATH and __RELPATH differ per instance: WMI resolves the path and compares the instance,
    // so spelling (namespace case, server, key order) does not matter. libvirt's
    // hypervDomainDefParseEthernetAdapter and ...ParsePhysicalDisk look devices up this way.
    private static Func<CimInstance, bool>? InstancePathComparison(WqlComparison comparison, CimClassDefinition cimClass)
    {
        var (property, literal) = (comparison.Left, comparison.Right) switch
        {
            (WqlPropertyOperand p, WqlLiteral l) => (p, l),
            (WqlLiteral l, WqlPropertyOperand p) => (p, l),
            _ => (null, null),
        };
        if (property is null || literal is null
            || !(string.Equals(property.Name, "__PATH", StringComparison.OrdinalIgnoreCase) || string.Equals(property.Name, "__RELPATH", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (comparison.Operator is not (WqlComparisonOperator.Equal or WqlComparisonOperator.NotEqual) || literal.Value is not string text)
        {
            throw new CimException(CimErrorKind.InvalidQuery, $"Invalid query: {property.Name} compares only with = or <> and a string.");
        }

        string? expectedKey = null;
        try
        {
            var path = WqlObjectPathParser.Parse(text, 0);
            var keys = path.Keys.Select(k => k.Key.Length == 0 && cimClass.Keys.Count == 1 ? new KeyValuePair<string, string>(cimClass.Keys[0], k.Value) : k).ToArray();
            if (string.Equals(path.ClassName, cimClass.Name, StringComparison.OrdinalIgnoreCase) && keys.Length == cimClass.Keys.Count)
            {
                expectedKey = InstanceKeys.FromSelectors(cimClass, keys);
            }
        }
        catch (WqlSyntaxException)
        {
            // Not a path: it names no instance.
        }

        var equal = comparison.Operator == WqlComparisonOperator.Equal;
        return instance => (expectedKey is not null && string.Equals(InstanceKeys.Of(instance), expectedKey, StringComparison.OrdinalIgnoreCase)) == equal;
    }

    private static object? SystemPropertyValue(WqlPropertyOperand property, CimClassDefinition cimClass, WqlQueryContext context) =>
        property.Name.ToUpperInvariant() switch
        {
            "__SERVER" => context.ServerName,
            "__CLASS" => cimClass.Name,
            "__NAMESPACE" => cimClass.Namespace.Replace('/', '\\'),
            "__GENUS" => 2L,
            "__SUPERCLASS" => context.SuperclassOf(cimClass.Name),
            "__DYNASTY" => cimClass.Name,
            _ => throw new CimException(CimErrorKind.InvalidQuery, $"Invalid query: unknown system property '{property.Name}'."),
        };

    private static void RejectArray(ResolvedOperand operand)
    {
        if (operand.IsArray)
        {
            throw new CimException(CimErrorKind.InvalidQuery, $"Invalid query: array property '{operand.Name}' cannot be compared.");
        }
    }

    private static WqlComparisonOperator Mirror(WqlComparisonOperator op) => op switch
    {
        WqlComparisonOperator.Less => WqlComparisonOperator.Greater,
        WqlComparisonOperator.Greater => WqlComparisonOperator.Less,
        WqlComparisonOperator.LessOrEqual => WqlComparisonOperator.GreaterOrEqual,
        WqlComparisonOperator.GreaterOrEqual => WqlComparisonOperator.LessOrEqual,
        _ => op,
    };

    private readonly record struct ResolvedOperand(bool IsConstant, object? Constant, int Index, string Name, CimType Type, bool IsArray)
    {
        public static ResolvedOperand ForConstant(object? value) => new(true, value, -1, string.Empty, CimType.String, false);
    }
}
