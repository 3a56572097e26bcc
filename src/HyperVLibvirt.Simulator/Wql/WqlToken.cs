namespace HyperVLibvirt.Simulator.Wql;

/// <summary>The kinds of WQL tokens.</summary>
internal enum WqlTokenKind
{
    End,
    Identifier,
    String,
    Number,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    Star,
    LeftBrace,
}

/// <summary>
/// One token: its kind, its text (for strings, the unescaped value) and where it starts.
/// </summary>
internal readonly record struct WqlToken(WqlTokenKind Kind, string Text, int Position)
{
    /// <summary>Whether this is the identifier <paramref name="keyword"/> (case-insensitive).</summary>
    public bool IsKeyword(string keyword) =>
        Kind == WqlTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}
