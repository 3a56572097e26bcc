using System.Management.Automation;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// A non-terminating error or a warning that travels in a stream of output objects, so that it reaches the
/// pipeline thread in order with them (only that thread may write); the cmdlet base writes it instead of outputting it.
/// </summary>
internal sealed class StreamNotice
{
    private readonly ErrorRecord? _error;
    private readonly string? _warning;

    private StreamNotice(ErrorRecord? error, string? warning)
    {
        _error = error;
        _warning = warning;
    }

    public static StreamNotice Error(ErrorRecord error) => new(error, null);

    public static StreamNotice Warning(string text) => new(null, DisplayText.Neutralize(text));

    public void WriteTo(Cmdlet cmdlet)
    {
        if (_error is not null)
        {
            cmdlet.WriteError(_error);
        }
        else
        {
            cmdlet.WriteWarning(_warning);
        }
    }
}
