namespace HyperVLibvirt.Simulator.Wql;

/// <summary>
/// A WQL LIKE pattern: <c>%</c> any run of characters, <c>_</c> exactly one, <c>[abc]</c> or
/// <c>[a-z]</c> one of a set, <c>[^a]</c> one not in the set. Matching is case-insensitive, as in
/// WMI. A <c>[</c> without a closing <c>]</c> is taken literally.
/// </summary>
internal sealed class WqlLikePattern
{
    private readonly Element[] _elements;

    private WqlLikePattern(Element[] elements) => _elements = elements;

    private enum ElementKind
    {
        Literal,
        AnyOne,
        AnyRun,
        Set,
    }

    /// <summary>Parses a pattern.</summary>
    public static WqlLikePattern Parse(string pattern)
    {
        var elements = new List<Element>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '%':
                    if (elements.Count == 0 || elements[^1].Kind != ElementKind.AnyRun)
                    {
                        elements.Add(new Element(ElementKind.AnyRun, '\0', null, false));
                    }

                    break;
                case '_':
                    elements.Add(new Element(ElementKind.AnyOne, '\0', null, false));
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 2 <= pattern.Length ? i + 2 : pattern.Length);
                    if (close < 0)
                    {
                        elements.Add(new Element(ElementKind.Literal, Fold(c), null, false));
                        break;
                    }

                    elements.Add(ParseSet(pattern.AsSpan(i + 1, close - i - 1)));
                    i = close;
                    break;
                default:
                    elements.Add(new Element(ElementKind.Literal, Fold(c), null, false));
                    break;
            }
        }

        return new WqlLikePattern(elements.ToArray());
    }

    /// <summary>Whether <paramref name="value"/> matches the whole pattern.</summary>
    public bool IsMatch(string value)
    {
        // Classic wildcard matching: advance greedily, and on a mismatch retry from the last '%'
        // one character further on. Every step moves the text or pattern cursor, so it ends.
        int s = 0, p = 0, starP = -1, starS = 0;
        while (s < value.Length)
        {
            if (p < _elements.Length && _elements[p].Kind == ElementKind.AnyRun)
            {
                starP = p++;
                starS = s;
            }
            else if (p < _elements.Length && _elements[p].Matches(Fold(value[s])))
            {
                s++;
                p++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                s = ++starS;
            }
            else
            {
                return false;
            }
        }

        while (p < _elements.Length && _elements[p].Kind == ElementKind.AnyRun)
        {
            p++;
        }

        return p == _elements.Length;
    }

    private static char Fold(char c) => char.ToUpperInvariant(c);

    private static Element ParseSet(ReadOnlySpan<char> body)
    {
        var negated = body.Length > 0 && body[0] == '^';
        if (negated)
        {
            body = body[1..];
        }

        var ranges = new List<(char From, char To)>();
        for (var i = 0; i < body.Length; i++)
        {
            if (i + 2 < body.Length && body[i + 1] == '-')
            {
                var from = Fold(body[i]);
                var to = Fold(body[i + 2]);
                ranges.Add(from <= to ? (from, to) : (to, from));
                i += 2;
            }
            else
            {
                ranges.Add((Fold(body[i]), Fold(body[i])));
            }
        }

        return new Element(ElementKind.Set, '\0', ranges.ToArray(), negated);
    }

    private readonly record struct Element(ElementKind Kind, char Literal, (char From, char To)[]? Ranges, bool Negated)
    {
        public bool Matches(char folded)
        {
            switch (Kind)
            {
                case ElementKind.Literal:
                    return folded == Literal;
                case ElementKind.AnyOne:
                    return true;
                case ElementKind.Set:
                    var inSet = false;
                    foreach (var (from, to) in Ranges!)
                    {
                        if (folded >= from && folded <= to)
                        {
                            inSet = true;
                            break;
                        }
                    }

                    return inSet != Negated;
                default:
                    return false;
            }
        }
    }
}
