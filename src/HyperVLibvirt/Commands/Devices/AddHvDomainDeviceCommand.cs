using System.Management.Automation;
using HyperVLibvirt.Commands.Lifecycle;
using HyperVLibvirt.Core.Devices;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;

namespace HyperVLibvirt.Commands.Devices;

/// <summary>
/// <para type="synopsis">Attaches disks, DVD drives, SCSI controllers, network adapters and COM port pipes to domains (virsh attach-device).</para>
/// <para type="description">Devices come as libvirt device XML (-Xml) or as Hyper-V's cmdlets take them (-VhdPath, -IsoPath, -SwitchName, -ComPort).
/// Each domain's devices are read once and every device is checked and placed before anything is sent.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "HvDomainDevice", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvDomainDevice))]
public sealed class AddHvDomainDeviceCommand : HvDomainTargetCmdletBase
{
    private readonly List<DeviceSpec> _fromXml = [];

    /// <summary>libvirt device XML: one &lt;disk&gt;, &lt;controller type='scsi'&gt;, &lt;interface type='bridge'&gt; or &lt;serial type='pipe'&gt; per string; pipes in.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Xml { get; set; }

    /// <summary>A virtual hard disk (VHD or VHDX) on the host to attach in a new disk drive.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? VhdPath { get; set; }

    /// <summary>An ISO image on the host to attach in a new DVD drive.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IsoPath { get; set; }

    /// <summary>The controller kind for -VhdPath or -IsoPath; by default IDE on generation 1, SCSI on generation 2.</summary>
    [Parameter]
    [ValidateSet("Ide", "Scsi")]
    public string? ControllerType { get; set; }

    /// <summary>The IDE channel (0, 1) or SCSI controller (0 to 3); by default the first with a free location.</summary>
    [Parameter]
    [ValidateRange(0, 3)]
    public int ControllerNumber { get; set; }

    /// <summary>The location on the controller (0, 1 on IDE; 0 to 63 on SCSI); by default the first free one.</summary>
    [Parameter]
    [ValidateRange(0, 63)]
    public int ControllerLocation { get; set; }

    /// <summary>The virtual switch a new network adapter connects to: its name or GUID.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.NetworkNameCompleter))]
    public string? SwitchName { get; set; }

    /// <summary>A static MAC address for the new adapter (00:15:5D:01:02:03, 00-15-5D-01-02-03 or 00155D010203); by default Hyper-V assigns one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MacAddress { get; set; }

    /// <summary>The COM port whose named pipe is set: 1 or 2.</summary>
    [Parameter]
    [ValidateRange(1, 2)]
    public int ComPort { get; set; }

    /// <summary>The named pipe for -ComPort (\\.\pipe\name); an empty string disconnects the port.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? PipePath { get; set; }

    /// <summary>Write each attached device, as the host reports it, to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>How long to wait for each job, in seconds (default 300, libvirt's). The job is not cancelled when the wait ends.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 300;

    private bool _xmlOnCommandLine;
    private bool _domainNamed;
    private string[]? _nameOnCommandLine;

    private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _xmlOnCommandLine = Bound(nameof(Xml));
        _nameOnCommandLine = Name;
        if (_xmlOnCommandLine)
        {
            ReadXml(Xml);
        }
        var kinds = new[] { nameof(VhdPath), nameof(IsoPath), nameof(SwitchName), nameof(ComPort) }.Where(Bound).ToList();
        if (kinds.Count > 1 || (kinds.Count == 1 && Bound(nameof(Xml))))
        {
            Refuse($"Give one device per command: -{string.Join(", -", Bound(nameof(Xml)) ? kinds.Prepend("Xml") : kinds)} name different devices.",
                "Run the command once per device, or pass several -Xml strings.");
        }
        var onDisk = Bound(nameof(VhdPath)) || Bound(nameof(IsoPath));
        foreach (var disk in new[] { nameof(ControllerType), nameof(ControllerNumber), nameof(ControllerLocation) })
        {
            if (Bound(disk) && !onDisk)
            {
                Refuse($"-{disk} places a drive: it goes with -VhdPath or -IsoPath.", null);
            }
        }
        if (Bound(nameof(MacAddress)) && !Bound(nameof(SwitchName)))
        {
            Refuse("-MacAddress goes with -SwitchName.", null);
        }
        if (Bound(nameof(ComPort)) != Bound(nameof(PipePath)))
        {
            Refuse("-ComPort and -PipePath go together: the port, and its pipe (an empty string disconnects it).", "For example: -ComPort 1 -PipePath \\\\.\\pipe\\vm1-com1");
        }
        if (Bound(nameof(MacAddress)) && DeviceXmlReader.ParseMac(MacAddress) is null)
        {
            Refuse($"'{MacAddress}' is not a unicast MAC address: six hex pairs (00:15:5D:01:02:03) with an even first octet.", null);
        }
        if (!string.IsNullOrEmpty(PipePath) && !DeviceXmlReader.IsPipePath(PipePath))
        {
            Refuse($"'{PipePath}' is not a named pipe; Hyper-V takes \\\\.\\pipe\\name or \\\\server\\pipe\\name.", null);
        }
        base.BeginProcessing();
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // A piped string binds to both -Xml and -Name when neither is on the command line: device XML is kept as XML, anything
        // else as a domain name, so that both "<disk …>" | Add-HvDomainDevice -Name vm1 and 'vm1' | Add-HvDomainDevice -IsoPath x.iso work.
        if (!_xmlOnCommandLine && Xml is { } piped)
        {
            if (_nameOnCommandLine is null && Name is not null)
            {
                Name = Name.Where(n => !LooksLikeXml(n)).ToArray() is { Length: > 0 } names ? names : null;
            }
            Xml = piped.Where(LooksLikeXml).ToArray();
        }
        _domainNamed |= Name is not null || Uuid is not null || Id is not null || Domain is not null;
        if (!_xmlOnCommandLine)
        {
            ReadXml(Xml);
        }
        base.ProcessRecord();
        if (!_xmlOnCommandLine)
        {
            // Pipeline-bound values are bound afresh for each record.
            Name = _nameOnCommandLine;
            Xml = null;
        }
    }

    private static bool LooksLikeXml(string text) => text.TrimStart().StartsWith('<');

    // Device XML is read as it comes (-Xml on the command line once, in BeginProcessing); one device that cannot be
    // honoured stops the whole command before anything is sent.
    private void ReadXml(string[]? texts)
    {
        foreach (var xml in texts ?? [])
        {
            try
            {
                _fromXml.Add(DeviceXmlReader.Read(xml));
            }
            catch (DeviceXmlException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, xml));
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (!_domainNamed)
        {
            Refuse("Add-HvDomainDevice needs the domains to attach to: -Name, -Uuid, -Id, or domains from Get-HvDomain.", "For example: Get-Content disk.xml -Raw | Add-HvDomainDevice -Name web01");
        }
        var devices = Devices();
        if (devices.Count == 0)
        {
            Refuse("Add-HvDomainDevice needs a device: -Xml, -VhdPath, -IsoPath, -SwitchName or -ComPort.", "For example: -VhdPath C:\\VMs\\data.vhdx");
        }
        var what = "Attach " + string.Join(", ", devices.Select(d => d.Describe()));
        var progress = new LifecycleProgress(MyInvocation.MyCommand.Name, IsInteractive);
        foreach (var (connection, domains) in CollectedTargets())
        {
            // Confirmed one by one, then attached as a batch: each host's devices are read in a handful of queries for all its domains.
            var confirmed = domains.Where(d => ShouldProcess($"{d.Name} ({d.Uuid:D}) on {d.ComputerName}", what)).ToList();
            if (confirmed.Count == 0)
            {
                continue;
            }
            // The service attaches to the domains one after another, in this order: a job reported before the n-th result is the n-th domain's.
            var finished = 0;
            var options = new SettingsOptions
            {
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                OnJobStatus = status => Post(() =>
                {
                    if (finished < confirmed.Count && progress.Update(confirmed[finished], status) is { } record)
                    {
                        WriteProgress(record);
                    }
                }),
            };
            var results = new DeviceAttachService(connection, TraceSink).AttachAsync(confirmed, devices, options, CancellationToken).GetAsyncEnumerator(CancellationToken);
            try
            {
                while (Wait(_ => results.MoveNextAsync().AsTask()))
                {
                    Write(results.Current);
                    if (progress.Complete(confirmed[Math.Min(finished++, confirmed.Count - 1)]) is { } done)
                    {
                        WriteProgress(done);
                    }
                }
            }
            finally
            {
                Wait(_ => results.DisposeAsync().AsTask());
            }
        }
    }

    private void Write(DeviceAttachResult result)
    {
        if (result.Error is { } error)
        {
            WriteError(ToErrorRecord(error, result.Domain));
            return;
        }
        foreach (var device in result.Devices)
        {
            WriteVerbose($"Domain '{device.DomainName}' on {device.ComputerName}: attached {device.Kind} {device.Target} {device.Source}".TrimEnd() + ".");
            if (PassThru)
            {
                WriteObject(device);
            }
        }
    }

    private List<DeviceSpec> Devices()
    {
        var devices = new List<DeviceSpec>(_fromXml);
        if (VhdPath is not null || IsoPath is not null)
        {
            devices.Add(new DiskSpec
            {
                Kind = VhdPath is not null ? DiskKind.VirtualHardDisk : DiskKind.Dvd,
                Path = VhdPath ?? IsoPath,
                Bus = ControllerType switch { "Ide" => DiskBus.Ide, "Scsi" => DiskBus.Scsi, _ => null },
                Controller = Bound(nameof(ControllerNumber)) ? ControllerNumber : null,
                Location = Bound(nameof(ControllerLocation)) ? ControllerLocation : null,
            });
        }
        if (SwitchName is not null)
        {
            devices.Add(new NetworkAdapterSpec { Switch = SwitchName, MacAddress = MacAddress is null ? null : DeviceXmlReader.ParseMac(MacAddress) });
        }
        if (Bound(nameof(ComPort)))
        {
            devices.Add(new SerialPortSpec { Port = ComPort, PipePath = string.IsNullOrEmpty(PipePath) ? null : PipePath });
        }
        return devices;
    }

    private void Refuse(string message, string? recommendedAction) =>
        ThrowTerminatingError(ErrorRecords.Create(message, "InvalidDeviceParameters", ErrorCategory.InvalidArgument, null, recommendedAction));

    private static ErrorRecord ToErrorRecord(Exception error, Core.Domains.HvDomain target)
    {
        var record = ErrorRecords.From(error, target);
        var recommended = error switch
        {
            HvDeviceException device => device.RecommendedAction,
            HvJobException job => job.RecommendedAction,
            _ => null,
        };
        if (recommended is not null)
        {
            record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = recommended };
        }
        return record;
    }
}
