namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Watches an enumeration for a server that never ends it (DSP0226 §8: the sequence ends with EndOfSequence):
/// pages that bring nothing new, and an item count no WMI class reaches. WinRM keeps the same context across
/// Pulls, so a repeated context alone proves nothing; a page whose first item was already the first item of a
/// recent page does, because an enumeration returns each instance once.
/// </summary>
internal sealed class EnumerationProgress
{
    /// <summary>Pages in a row that are empty or repeat an earlier page before the enumeration is given up.</summary>
    public const int MaxPagesWithoutProgress = 32;

    /// <summary>More instances than any class on a Hyper-V host has (hosts run at most a few thousand VMs).</summary>
    public const long MaxItems = 10_000_000;

    private const int Remembered = 16;

    private readonly int[] _recentFirstItems = new int[Remembered];
    private int _remembered;
    private int _pagesWithoutProgress;
    private long _items;

    /// <summary>Records one finished page that did not end the sequence; returns why to give up, or null to go on.</summary>
    public string? PageDone(int itemCount, CimObject? firstItem)
    {
        _items += itemCount;
        if (_items > MaxItems)
        {
            return $"sent more than {MaxItems:N0} items";
        }
        var repeated = false;
        if (firstItem is not null)
        {
            var print = Fingerprint(firstItem);
            for (var i = 0; i < Math.Min(_remembered, Remembered); i++)
            {
                repeated |= _recentFirstItems[i] == print;
            }
            _recentFirstItems[_remembered++ % Remembered] = print;
        }
        _pagesWithoutProgress = itemCount == 0 || repeated ? _pagesWithoutProgress + 1 : 0;
        return _pagesWithoutProgress >= MaxPagesWithoutProgress
            ? $"sent {MaxPagesWithoutProgress} pages in a row that were empty or repeated earlier items"
            : null;
    }

    private static int Fingerprint(CimObject item)
    {
        var hash = new HashCode();
        hash.Add(item.ClassName);
        hash.Add(item.ResourceUri);
        foreach (var p in item.Properties)
        {
            hash.Add(p.Name);
            hash.Add(p.Value.ToString());
        }
        if (item.Reference is { } r)
        {
            hash.Add(r.ResourceUri);
            foreach (var s in r.Selectors)
            {
                hash.Add(s.Key);
                hash.Add(s.Value);
            }
        }
        return hash.ToHashCode();
    }
}
