using System.Globalization;
using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Formatting;

namespace HyperVLibvirt.Commands.Storage;

/// <summary>
/// <para type="synopsis">Creates a VHD or VHDX file on Hyper-V hosts, as New-VHD does.</para>
/// <para type="description">Msvm_ImageManagementService.CreateVirtualHardDisk makes the file; the cmdlet waits for its job and writes the disk as read back.
/// The format is the file name's (.vhdx or .vhd); the disk is dynamic unless -Fixed is given.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "HvVirtualHardDisk", DefaultParameterSetName = DynamicSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvVirtualHardDisk))]
public sealed class NewHvVirtualHardDiskCommand : HvConnectedCmdletBase
{
    private const string DynamicSet = "Dynamic";
    private const string FixedSet = "Fixed";

    /// <summary>The new file's absolute path on the host, ending in .vhdx or .vhd.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The size the guest sees, in bytes (40GB, 127GB): from 3 MiB, in whole 512-byte sectors.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1UL, ulong.MaxValue)]
    public ulong SizeBytes { get; set; }

    /// <summary>A dynamically expanding disk (the default): the file grows as the guest writes.</summary>
    [Parameter(ParameterSetName = DynamicSet)]
    public SwitchParameter Dynamic { get; set; }

    /// <summary>A fixed disk: the file holds every block from the start.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FixedSet)]
    public SwitchParameter Fixed { get; set; }

    /// <summary>How long to wait for the job, in seconds (default 300, libvirt's). The job is not cancelled when the wait ends.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 300;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var type = Fixed ? VirtualHardDiskType.Fixed : VirtualHardDiskType.Dynamic;
        var format = HostPath.FormatOf(Path)?.ToString().ToUpperInvariant() ?? "virtual hard disk";
        foreach (var connection in ResolveConnections())
        {
            var action = string.Create(CultureInfo.InvariantCulture, $"Create a {type.ToString().ToLowerInvariant()} {format} of {ByteSize.Format(SizeBytes)}");
            if (!ShouldProcess($"{Path} on {connection.ComputerName}", action))
            {
                continue;
            }
            try
            {
                var disk = Wait(token => new VirtualHardDiskService(connection, TraceSink).CreateAsync(Path, SizeBytes, null, type, Options(connection), token));
                WriteObject(disk);
            }
            catch (Exception ex) when (ErrorRecords.IsReportable(ex))
            {
                var record = ErrorRecords.From(ex, Path);
                if (ex is HvStorageException { RecommendedAction: { } recommended })
                {
                    record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = recommended };
                }
                WriteError(record);
            }
            finally
            {
                if (IsInteractive)
                {
                    WriteProgress(new ProgressRecord(1, "New-HvVirtualHardDisk", Path) { RecordType = ProgressRecordType.Completed });
                }
            }
        }
    }

    // The job's progress, while it runs, as the other write cmdlets show theirs.
    private SettingsOptions Options(HvConnection connection) => new()
    {
        Timeout = TimeSpan.FromSeconds(TimeoutSec),
        OnJobStatus = status =>
        {
            if (IsInteractive && status.IsRunning)
            {
                Post(() => WriteProgress(new ProgressRecord(1, "New-HvVirtualHardDisk", $"{Path} on {connection.ComputerName}")
                {
                    PercentComplete = Math.Clamp(status.PercentComplete ?? 0, 0, 100),
                }));
            }
        },
    };
}
