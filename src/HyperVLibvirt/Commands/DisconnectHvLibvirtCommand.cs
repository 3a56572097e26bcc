using System.Management.Automation;
using HyperVLibvirt.Core.Connection;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Closes connections made by Connect-HvLibvirt.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "HvLibvirt", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = "Connection")]
[OutputType(typeof(HvConnection))]
public sealed class DisconnectHvLibvirtCommand : HvCmdletBase
{
    /// <summary>The connections to close; without it (and without -All), the default connection.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Connection")]
    [Alias("ConnectionId")]
    [ConnectionTransformation]
    [ValidateNotNullOrEmpty]
    public HvConnection[]? Connection { get; set; }

    /// <summary>Close every connection of this session.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "All")]
    public SwitchParameter All { get; set; }

    /// <summary>Write each closed connection to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var store = ConnectionStore.Current;
        IReadOnlyList<HvConnection> targets;
        if (All)
        {
            targets = store.All;
        }
        else if (Connection is { Length: > 0 })
        {
            targets = Connection;
        }
        else if (store.Default is { } fallback)
        {
            targets = new[] { fallback };
        }
        else
        {
            WriteError(ErrorRecords.Create("There is no default Hyper-V connection to close.", "NoDefaultConnection",
                ErrorCategory.ObjectNotFound, null, "Pass -Connection, or -All."));
            return;
        }

        foreach (var connection in targets)
        {
            if (!ShouldProcess(connection.Uri, "Disconnect"))
            {
                continue;
            }
            store.Remove(connection);
            connection.Dispose();
            if (PassThru)
            {
                WriteObject(connection);
            }
        }
    }
}
