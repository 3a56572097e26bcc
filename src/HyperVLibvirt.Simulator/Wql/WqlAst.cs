namespace HyperVLibvirt.Simulator.Wql;

/// <summary>A parsed WQL statement.</summary>
internal abstract record WqlQuery;

/// <summary><c>SELECT * | a, b FROM Class [WHERE …]</c>; <see cref="Properties"/> is null for <c>*</c>.</summary>
internal sealed record WqlSelectQuery(IReadOnlyList<string>? Properties, string ClassName, WqlExpression? Where) : WqlQuery;

/// <summary>
/// <c>ASSOCIATORS OF {path} [WHERE AssocClass = A ResultClass = R Role = x ResultRole = y]</c>,
/// or with <see cref="IsReferences"/> <c>REFERENCES OF {path} [WHERE ResultClass = A Role = x]</c>.
/// </summary>
internal sealed record WqlAssociatorsQuery(
    WqlObjectPath Source,
    string? AssocClass,
    string? ResultClass,
    string? Role,
    string? ResultRole,
    bool IsReferences) : WqlQuery;

/// <summary>An object path <c>Class.Key='v',Key2=3</c>; <see cref="Keys"/> holds the unescaped values as text.</summary>
internal sealed record WqlObjectPath(string ClassName, IReadOnlyList<KeyValuePair<string, string>> Keys);

/// <summary>A WHERE condition.</summary>
internal abstract record WqlExpression;

/// <summary><c>a AND b</c>.</summary>
internal sealed record WqlAnd(WqlExpression Left, WqlExpression Right) : WqlExpression;

/// <summary><c>a OR b</c>.</summary>
internal sealed record WqlOr(WqlExpression Left, WqlExpression Right) : WqlExpression;

/// <summary><c>NOT a</c>.</summary>
internal sealed record WqlNot(WqlExpression Operand) : WqlExpression;

/// <summary>The comparison operators.</summary>
internal enum WqlComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
}

/// <summary><c>left op right</c>.</summary>
internal sealed record WqlComparison(WqlOperand Left, WqlComparisonOperator Operator, WqlOperand Right) : WqlExpression;

/// <summary><c>operand [NOT] LIKE 'pattern'</c>.</summary>
internal sealed record WqlLike(WqlOperand Operand, string Pattern, bool Negated) : WqlExpression;

/// <summary><c>operand IS [NOT] NULL</c>.</summary>
internal sealed record WqlIsNull(WqlOperand Operand, bool Negated) : WqlExpression;

/// <summary>One side of a comparison.</summary>
internal abstract record WqlOperand;

/// <summary>A property, or a system property such as <c>__SERVER</c> or <c>__CLASS</c>.</summary>
internal sealed record WqlPropertyOperand(string Name, int Position) : WqlOperand
{
    /// <summary>Whether this is a system property (its name starts with two underscores).</summary>
    public bool IsSystemProperty => Name.StartsWith("__", StringComparison.Ordinal);
}

/// <summary>A constant: <c>string</c>, <c>long</c>, <c>ulong</c>, <c>double</c>, <c>bool</c> or null.</summary>
internal sealed record WqlLiteral(object? Value) : WqlOperand;
