using System.Text;

namespace HyperVLibvirt.Simulator.Wql;

/// <summary>
/// Splits WQL into tokens on demand. String literals take single or double quotes, and a
/// backslash escapes the next quote or backslash (libvirt escapes <c>'</c>, <c>"</c> and
/// <c>\</c> that way); a backslash before any other character stays literal, so unescaped
/// Windows paths still read as written.
/// </summary>
internal sealed class WqlLexer
{
    private readonly string _text;
    private int _position;
    private WqlToken? _peeked;

    public WqlLexer(string text) => _text = text;

    public WqlToken Peek() => _peeked ??= Read();

    public WqlToken Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    /// <summary>
    /// After a <c>{</c> token: the raw text up to the matching <c>}</c>, skipping over quoted
    /// values (which may contain braces); the closing brace is consumed.
    /// </summary>
    public string ReadUntilClosingBrace(int openPosition)
    {
        if (_peeked is not null)
        {
            throw new InvalidOperationException("Cannot read raw text after peeking.");
        }

        var start = _position;
        char quote = '\0';
        for (var i = _position; i < _text.Length; i++)
        {
            var c = _text[i];
            if (quote != '\0')
            {
                if (c == '\\' && i + 1 < _text.Length)
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '}')
            {
                _position = i + 1;
                return _text[start..i];
            }
        }

        throw new WqlSyntaxException("Object path has no closing '}'", openPosition);
    }

    private WqlToken Read()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }

        var start = _position;
        if (_position >= _text.Length)
        {
            return new WqlToken(WqlTokenKind.End, string.Empty, start);
        }

        var c = _text[_position];
        switch (c)
        {
            case '(':
                _position++;
                return new WqlToken(WqlTokenKind.LeftParen, "(", start);
            case ')':
                _position++;
                return new WqlToken(WqlTokenKind.RightParen, ")", start);
            case ',':
                _position++;
                return new WqlToken(WqlTokenKind.Comma, ",", start);
            case '*':
                _position++;
                return new WqlToken(WqlTokenKind.Star, "*", start);
            case '{':
                _position++;
                return new WqlToken(WqlTokenKind.LeftBrace, "{", start);
            case '\'':
            case '"':
                return ReadString(c);
            case '=':
                _position++;
                return new WqlToken(WqlTokenKind.Operator, "=", start);
            case '!':
                if (At(1) == '=')
                {
                    _position += 2;
                    return new WqlToken(WqlTokenKind.Operator, "!=", start);
                }

                throw new WqlSyntaxException("Expected '=' after '!'", start);
            case '<':
                _position++;
                if (At(0) is '=' or '>')
                {
                    _position++;
                    return new WqlToken(WqlTokenKind.Operator, _text[start.._position], start);
                }

                return new WqlToken(WqlTokenKind.Operator, "<", start);
            case '>':
                _position++;
                if (At(0) == '=')
                {
                    _position++;
                    return new WqlToken(WqlTokenKind.Operator, ">=", start);
                }

                return new WqlToken(WqlTokenKind.Operator, ">", start);
        }

        if (char.IsAsciiDigit(c) || ((c is '-' or '+') && char.IsAsciiDigit(At(1))))
        {
            return ReadNumber();
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }

            return new WqlToken(WqlTokenKind.Identifier, _text[start.._position], start);
        }

        throw new WqlSyntaxException($"Unexpected character '{c}'", start);
    }

    private char At(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private WqlToken ReadNumber()
    {
        var start = _position;
        _position++; // sign or first digit
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }

        if (_position < _text.Length && (char.IsAsciiLetter(_text[_position]) || _text[_position] == '_'))
        {
            throw new WqlSyntaxException("Invalid number", start);
        }

        return new WqlToken(WqlTokenKind.Number, _text[start.._position], start);
    }

    private WqlToken ReadString(char quote)
    {
        var start = _position;
        _position++;
        var value = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == quote)
            {
                return new WqlToken(WqlTokenKind.String, value.ToString(), start);
            }

            if (c == '\\' && _position < _text.Length && _text[_position] is '\\' or '\'' or '"')
            {
                value.Append(_text[_position++]);
                continue;
            }

            value.Append(c);
        }

        throw new WqlSyntaxException("Unterminated string literal", start);
    }
}
