using System.Globalization;

namespace HyperVLibvirt.Simulator.Wql;

/// <summary>
/// Recursive-descent WQL parser. Precedence, loosest first: OR, AND, NOT, then comparisons;
/// parentheses group. Keywords are case-insensitive.
/// </summary>
internal static class WqlParser
{
    // Deep nesting would exhaust the stack (which cannot be caught); real queries nest a few levels.
    private const int MaxNesting = 100;

    /// <summary>Parses one statement; throws <see cref="WqlSyntaxException"/>.</summary>
    public static WqlQuery Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lexer = new WqlLexer(text);
        var first = lexer.Next();
        WqlQuery query;
        if (first.IsKeyword("SELECT"))
        {
            query = ParseSelect(lexer);
        }
        else if (first.IsKeyword("ASSOCIATORS") || first.IsKeyword("REFERENCES"))
        {
            query = ParseAssociators(lexer, first.IsKeyword("REFERENCES"));
        }
        else
        {
            throw new WqlSyntaxException("Expected SELECT, ASSOCIATORS OF or REFERENCES OF", first.Position);
        }

        var end = lexer.Next();
        if (end.Kind != WqlTokenKind.End)
        {
            throw new WqlSyntaxException($"Unexpected '{end.Text}' after the end of the query", end.Position);
        }

        return query;
    }

    private static WqlSelectQuery ParseSelect(WqlLexer lexer)
    {
        List<string>? properties = null;
        if (lexer.Peek().Kind == WqlTokenKind.Star)
        {
            lexer.Next();
        }
        else
        {
            properties = [];
            do
            {
                properties.Add(ExpectIdentifier(lexer, "a property name or '*'"));
            }
            while (TryTake(lexer, WqlTokenKind.Comma));
        }

        ExpectKeyword(lexer, "FROM");
        var className = ExpectIdentifier(lexer, "a class name");
        WqlExpression? where = null;
        if (lexer.Peek().IsKeyword("WHERE"))
        {
            lexer.Next();
            where = ParseOr(lexer, 0);
        }

        return new WqlSelectQuery(properties, className, where);
    }

    private static WqlAssociatorsQuery ParseAssociators(WqlLexer lexer, bool isReferences)
    {
        ExpectKeyword(lexer, "OF");
        var brace = lexer.Next();
        if (brace.Kind != WqlTokenKind.LeftBrace)
        {
            throw new WqlSyntaxException("Expected '{' before the object path", brace.Position);
        }

        var source = WqlObjectPathParser.Parse(lexer.ReadUntilClosingBrace(brace.Position), brace.Position + 1);
        string? assocClass = null, resultClass = null, role = null, resultRole = null;
        if (lexer.Peek().IsKeyword("WHERE"))
        {
            lexer.Next();
            var any = false;
            while (lexer.Peek().Kind == WqlTokenKind.Identifier)
            {
                var clause = lexer.Next();
                any = true;
                if (clause.IsKeyword("ClassDefsOnly") || clause.IsKeyword("SchemaOnly"))
                {
                    throw new WqlSyntaxException($"{clause.Text} is not supported", clause.Position);
                }

                var op = lexer.Next();
                if (op.Kind != WqlTokenKind.Operator || op.Text != "=")
                {
                    throw new WqlSyntaxException($"Expected '=' after {clause.Text}", op.Position);
                }

                var value = ExpectIdentifier(lexer, $"a value for {clause.Text}");
                if (clause.IsKeyword("AssocClass") && !isReferences)
                {
                    assocClass = value;
                }
                else if (clause.IsKeyword("ResultClass"))
                {
                    resultClass = value;
                }
                else if (clause.IsKeyword("Role"))
                {
                    role = value;
                }
                else if (clause.IsKeyword("ResultRole") && !isReferences)
                {
                    resultRole = value;
                }
                else if (clause.IsKeyword("RequiredQualifier") || clause.IsKeyword("RequiredAssocQualifier"))
                {
                    throw new WqlSyntaxException($"{clause.Text} is not supported", clause.Position);
                }
                else
                {
                    throw new WqlSyntaxException($"Unknown clause '{clause.Text}'", clause.Position);
                }
            }

            if (!any)
            {
                throw new WqlSyntaxException("Expected AssocClass, ResultClass, Role or ResultRole after WHERE", lexer.Peek().Position);
            }
        }

        return new WqlAssociatorsQuery(source, assocClass, resultClass, role, resultRole, isReferences);
    }

    private static WqlExpression ParseOr(WqlLexer lexer, int depth)
    {
        var left = ParseAnd(lexer, depth);
        while (lexer.Peek().IsKeyword("OR"))
        {
            lexer.Next();
            left = new WqlOr(left, ParseAnd(lexer, depth));
        }

        return left;
    }

    private static WqlExpression ParseAnd(WqlLexer lexer, int depth)
    {
        var left = ParseNot(lexer, depth);
        while (lexer.Peek().IsKeyword("AND"))
        {
            lexer.Next();
            left = new WqlAnd(left, ParseNot(lexer, depth));
        }

        return left;
    }

    private static WqlExpression ParseNot(WqlLexer lexer, int depth)
    {
        // NOT chains are bounded by the input length: each iteration consumes a token.
        var negations = 0;
        while (lexer.Peek().IsKeyword("NOT"))
        {
            lexer.Next();
            negations++;
        }

        var operand = ParsePrimary(lexer, depth);
        for (var i = 0; i < negations; i++)
        {
            operand = new WqlNot(operand);
        }

        return operand;
    }

    private static WqlExpression ParsePrimary(WqlLexer lexer, int depth)
    {
        var token = lexer.Peek();
        if (token.Kind == WqlTokenKind.LeftParen)
        {
            lexer.Next();
            if (depth >= MaxNesting)
            {
                throw new WqlSyntaxException($"Parentheses nested deeper than {MaxNesting}", token.Position);
            }

            var inner = ParseOr(lexer, depth + 1);
            var close = lexer.Next();
            if (close.Kind != WqlTokenKind.RightParen)
            {
                throw new WqlSyntaxException("Expected ')'", close.Position);
            }

            return inner;
        }

        var left = ParseOperand(lexer);
        var next = lexer.Next();
        if (next.Kind == WqlTokenKind.Operator)
        {
            return new WqlComparison(left, ToOperator(next.Text), ParseOperand(lexer));
        }

        if (next.IsKeyword("IS"))
        {
            var negated = false;
            if (lexer.Peek().IsKeyword("NOT"))
            {
                lexer.Next();
                negated = true;
            }

            var nullToken = lexer.Next();
            if (!nullToken.IsKeyword("NULL"))
            {
                throw new WqlSyntaxException("Expected NULL after IS", nullToken.Position);
            }

            return new WqlIsNull(left, negated);
        }

        var notLike = false;
        if (next.IsKeyword("NOT"))
        {
            notLike = true;
            next = lexer.Next();
        }

        if (next.IsKeyword("LIKE"))
        {
            var pattern = lexer.Next();
            if (pattern.Kind != WqlTokenKind.String)
            {
                throw new WqlSyntaxException("Expected a string pattern after LIKE", pattern.Position);
            }

            return new WqlLike(left, pattern.Text, notLike);
        }

        throw new WqlSyntaxException(
            next.Kind == WqlTokenKind.End ? "Unexpected end of query; expected an operator" : $"Expected an operator, found '{next.Text}'",
            next.Position);
    }

    private static WqlOperand ParseOperand(WqlLexer lexer)
    {
        var token = lexer.Next();
        switch (token.Kind)
        {
            case WqlTokenKind.String:
                return new WqlLiteral(token.Text);
            case WqlTokenKind.Number:
                return new WqlLiteral(ParseNumber(token));
            case WqlTokenKind.Identifier when token.IsKeyword("TRUE"):
                return new WqlLiteral(true);
            case WqlTokenKind.Identifier when token.IsKeyword("FALSE"):
                return new WqlLiteral(false);
            case WqlTokenKind.Identifier when token.IsKeyword("NULL"):
                return new WqlLiteral(null);
            case WqlTokenKind.Identifier when IsReserved(token):
                throw new WqlSyntaxException($"Expected a property or a value, found the keyword '{token.Text}'", token.Position);
            case WqlTokenKind.Identifier:
                return new WqlPropertyOperand(token.Text, token.Position);
            case WqlTokenKind.End:
                throw new WqlSyntaxException("Unexpected end of query; expected a property or a value", token.Position);
            default:
                throw new WqlSyntaxException($"Expected a property or a value, found '{token.Text}'", token.Position);
        }
    }

    private static bool IsReserved(WqlToken token) =>
        token.IsKeyword("AND") || token.IsKeyword("OR") || token.IsKeyword("NOT") || token.IsKeyword("LIKE")
        || token.IsKeyword("IS") || token.IsKeyword("WHERE") || token.IsKeyword("FROM") || token.IsKeyword("SELECT");

    private static object ParseNumber(WqlToken token)
    {
        var text = token.Text;
        if (text.Contains('.'))
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                ? real
                : throw new WqlSyntaxException("Invalid number", token.Position);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
        {
            return signed;
        }

        return ulong.TryParse(text.TrimStart('+'), NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned)
            ? unsigned
            : throw new WqlSyntaxException("Number out of range", token.Position);
    }

    private static WqlComparisonOperator ToOperator(string text) => text switch
    {
        "=" => WqlComparisonOperator.Equal,
        "!=" or "<>" => WqlComparisonOperator.NotEqual,
        "<" => WqlComparisonOperator.Less,
        ">" => WqlComparisonOperator.Greater,
        "<=" => WqlComparisonOperator.LessOrEqual,
        _ => WqlComparisonOperator.GreaterOrEqual,
    };

    private static string ExpectIdentifier(WqlLexer lexer, string what)
    {
        var token = lexer.Next();
        if (token.Kind != WqlTokenKind.Identifier || IsReserved(token))
        {
            throw new WqlSyntaxException($"Expected {what}", token.Position);
        }

        return token.Text;
    }

    private static void ExpectKeyword(WqlLexer lexer, string keyword)
    {
        var token = lexer.Next();
        if (!token.IsKeyword(keyword))
        {
            throw new WqlSyntaxException($"Expected {keyword}", token.Position);
        }
    }

    private static bool TryTake(WqlLexer lexer, WqlTokenKind kind)
    {
        if (lexer.Peek().Kind != kind)
        {
            return false;
        }

        lexer.Next();
        return true;
    }
}
