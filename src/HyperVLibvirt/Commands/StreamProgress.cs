using System.Management.Automation;

namespace HyperVLibvirt.Commands;

/// <summary>
/// A progress bar for long listings: it appears only once a listing is big enough to notice
/// (a few hundred items, or several hosts) and updates every so many items, so small
/// listings stay silent and big ones pay almost nothing for it.
/// </summary>
internal sealed class StreamProgress
{
    private const int ShowAfterItems = 300;
    private const int UpdateEvery = 100;

    private readonly Cmdlet _cmdlet;
    private readonly ProgressRecord _record;
    private readonly int _hostCount;
    private int _items;
    private bool _shown;

    public StreamProgress(Cmdlet cmdlet, string activity, int hostCount)
    {
        _cmdlet = cmdlet;
        _hostCount = hostCount;
        _record = new ProgressRecord(Math.Abs(activity.GetHashCode() % 10000) + 1, activity, "Starting");
    }

    /// <summary>Counts one item written; call on the pipeline thread.</summary>
    public void Item()
    {
        _items++;
        if ((_items >= ShowAfterItems || _hostCount > 1) && (_items % UpdateEvery == 0 || !_shown))
        {
            _shown = true;
            _record.StatusDescription = _hostCount > 1
                ? $"{_items} item(s) from {_hostCount} hosts"
                : $"{_items} item(s)";
            _cmdlet.WriteProgress(_record);
        }
    }

    /// <summary>Clears the bar if it was shown.</summary>
    public void Complete()
    {
        if (_shown)
        {
            _record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(_record);
        }
    }
}
