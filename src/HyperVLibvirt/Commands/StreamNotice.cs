using System.Management.Automation;
using HyperVLibvirt.Core.HyperV;
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

    /// <summary>
    /// What a listing could not read, as the user should hear it: a refused item is a non-terminating error
    /// (DomainUnreadable), a value defaulted is a warning. Every cmdlet that lists domains reports them alike.
    /// </summary>
    public static StreamNotice ForProblem(DomainReadProblem problem, string computerName)
    {
        var message = $"{computerName}: {problem.Message}";
        return problem.Kind == DomainReadProblemKind.Refused
            ? Error(ErrorRecords.Create(message, "DomainUnreadable", ErrorCategory.InvalidData, problem.Target,
                "Check the VM on the host (Get-VM); if many items are refused, check that the URI points at a Hyper-V host's WinRM listener."))
            : Warning(message);
    }

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
