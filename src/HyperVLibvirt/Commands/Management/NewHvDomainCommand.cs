using System.Collections.ObjectModel;
using System.Management.Automation;
using HyperVLibvirt.Completion;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Definition;
using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Commands.Management;

/// <summary>
/// <para type="synopsis">Defines a new domain from libvirt domain XML or from New-VM's parameters (libvirt's define: DefineSystem, then settings and devices).</para>
/// <para type="description">Everything is checked before anything is sent; a step that fails after DefineSystem removes the new domain again.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "HvDomain", DefaultParameterSetName = ParametersSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(HvDomain))]
public sealed class NewHvDomainCommand : HvConnectedCmdletBase
{
    private const string ParametersSet = "Parameters";
    private const string XmlSet = "Xml";
    private const string PathSet = "Path";

    /// <summary>libvirt domain XML text, as Get-HvDomainXml writes it and virsh define takes it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = XmlSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string Xml { get; set; } = string.Empty;

    /// <summary>Files of libvirt domain XML; wildcards are allowed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>The new domain's name (New-VM's -Name).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParametersSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>1 (BIOS, IDE) or 2 (UEFI, SCSI); default 1, as New-VM and DefineSystem.</summary>
    [Parameter(ParameterSetName = ParametersSet)]
    [ValidateRange(1, 2)]
    public int Generation { get; set; } = 1;

    /// <summary>Startup memory in bytes (2GB, 512MB), at least Hyper-V's 32 MiB; default DefineSystem's 1024 MiB.</summary>
    [Parameter(ParameterSetName = ParametersSet)]
    [ValidateRange(32L * 1024 * 1024, long.MaxValue)]
    public long MemoryStartupBytes { get; set; }

    /// <summary>Virtual processors; default 1.</summary>
    [Parameter(ParameterSetName = ParametersSet)]
    [ValidateRange(1, 1024)]
    public int VcpuCount { get; set; }

    /// <summary>The description (the VM's Notes; libvirt's description).</summary>
    [Parameter(ParameterSetName = ParametersSet)]
    public string? Description { get; set; }

    /// <summary>A virtual hard disk file on the host to attach (IDE 0:0 on generation 1, SCSI 0:0 on generation 2).</summary>
    [Parameter(ParameterSetName = ParametersSet)]
    [ValidateNotNullOrEmpty]
    public string? VhdPath { get; set; }

    /// <summary>A dynamic VHDX (or .vhd) to create on the host before the domain and attach as -VhdPath would; needs -NewVHDSizeBytes.</summary>
    [Parameter(ParameterSetName = ParametersSet)]
    [ValidateNotNullOrEmpty]
    public string? NewVHDPath { get; set; }

    /// <summary>The size the guest sees of the disk -NewVHDPath creates, in bytes (40GB).</summary>
    [Parameter(ParameterSetName = ParametersSet)]
    [ValidateRange(3L * 1024 * 1024, long.MaxValue)]
    public long NewVHDSizeBytes { get; set; }

    /// <summary>An ISO image on the host for a DVD drive (IDE 1:0 on generation 1, SCSI 0:1 on generation 2).</summary>
    [Parameter(ParameterSetName = ParametersSet)]
    [ValidateNotNullOrEmpty]
    public string? IsoPath { get; set; }

    /// <summary>The virtual switch (its name or GUID) for one network adapter with a dynamic MAC.</summary>
    [Parameter(ParameterSetName = ParametersSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string? SwitchName { get; set; }

    /// <summary>How long to wait for each job, in seconds (default 300, libvirt's). The job is not cancelled when the wait ends.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 300;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var newPath = MyInvocation.BoundParameters.ContainsKey(nameof(NewVHDPath));
        var newSize = MyInvocation.BoundParameters.ContainsKey(nameof(NewVHDSizeBytes));
        if (newPath != newSize || (newPath && VhdPath is not null))
        {
            ThrowTerminatingError(ErrorRecords.Create(
                "-NewVHDPath and -NewVHDSizeBytes go together, and not with -VhdPath.",
                "NewVhdParametersIncomplete", ErrorCategory.InvalidArgument, NewVHDPath ?? VhdPath,
                "Give both -NewVHDPath and -NewVHDSizeBytes to create a disk, or -VhdPath to attach an existing one."));
        }
        base.BeginProcessing();
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var (spec, source) in Specs())
        {
            foreach (var connection in ResolveConnections())
            {
                Define(connection, spec, source);
            }
        }
    }

    // Each definition with what it came from (for error targets): the XML text, a file, or the parameters.
    private IEnumerable<(NewDomainSpec Spec, object Source)> Specs()
    {
        switch (ParameterSetName)
        {
            case XmlSet:
                if (Read(Xml, Xml) is { } fromText)
                {
                    yield return (fromText, Xml);
                }
                break;
            case PathSet:
                foreach (var file in ResolvePaths())
                {
                    string text;
                    try
                    {
                        // UTF-8 takes at most 4 bytes a character: a longer file cannot be within the reader's bound, so it is not read.
                        if (new FileInfo(file).Length > DomainXmlReader.MaxCharacters * 4)
                        {
                            WriteError(ErrorRecords.Create($"'{file}' is larger than domain XML can be ({DomainXmlReader.MaxCharacters} characters); it was not read.",
                                "DomainXmlInvalid", ErrorCategory.InvalidArgument, file));
                            continue;
                        }
                        text = File.ReadAllText(file);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        WriteError(ErrorRecords.Create($"Cannot read '{file}': {ex.Message}", "DomainXmlFileUnreadable", ErrorCategory.ReadError, file));
                        continue;
                    }
                    if (Read(text, file) is { } fromFile)
                    {
                        yield return (fromFile, file);
                    }
                }
                break;
            default:
                yield return (FromParameters(), Name);
                break;
        }
    }

    private NewDomainSpec? Read(string xml, object target)
    {
        try
        {
            return DomainXmlReader.Read(xml);
        }
        catch (DefinitionXmlException ex)
        {
            WriteError(ErrorRecords.Create(ex.Message, "DomainXmlInvalid", ErrorCategory.InvalidArgument, target,
                "Change or remove the element named, then run the command again. Nothing was sent to the host."));
            return null;
        }
    }

    private IEnumerable<string> ResolvePaths()
    {
        foreach (var path in Path)
        {
            Collection<string>? resolved = null;
            try
            {
                resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (ItemNotFoundException ex)
            {
                WriteError(ErrorRecords.Create(ex.Message, "DomainXmlFileNotFound", ErrorCategory.ObjectNotFound, path));
            }
            foreach (var file in resolved ?? [])
            {
                yield return file;
            }
        }
    }

    private NewDomainSpec FromParameters() => DomainParameters.ToSpec(Name, Generation,
        MyInvocation.BoundParameters.ContainsKey(nameof(MemoryStartupBytes)) ? (ulong)MemoryStartupBytes : null,
        MyInvocation.BoundParameters.ContainsKey(nameof(VcpuCount)) ? VcpuCount : null,
        Description, VhdPath, IsoPath, SwitchName, NewVHDPath is null ? null : new NewVirtualHardDisk(NewVHDPath, (ulong)NewVHDSizeBytes));

    private void Define(HvConnection connection, NewDomainSpec spec, object source)
    {
        var generation = spec.Generation == 2 ? "generation 2" : "generation 1";
        if (!ShouldProcess($"{spec.Name} on {connection.ComputerName}", $"Define a {generation} domain (DefineSystem)"))
        {
            return;
        }
        var activity = $"Defining domain '{spec.Name}' on {connection.ComputerName}";
        var progress = IsInteractive ? new ProgressRecord(ActivityId, activity, "Checking") : null;
        var options = new DefineOptions
        {
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            OnStep = step => Post(() =>
            {
                WriteVerbose($"{activity}: {step}.");
                if (progress is not null)
                {
                    progress.StatusDescription = step;
                    WriteProgress(progress);
                }
            }),
        };
        try
        {
            var domain = Wait(token => new DomainDefineService(connection, TraceSink).DefineAsync(spec, options, token));
            WriteObject(domain);
        }
        catch (Exception ex) when (ErrorRecords.IsReportable(ex))
        {
            var record = ErrorRecords.From(ex, source);
            if (ex is HvDefineException { RecommendedAction: { } recommended })
            {
                record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = recommended };
            }
            WriteError(record);
        }
        finally
        {
            if (progress is not null)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }
    }

    private const int ActivityId = 0x4E48; // "NH": one activity per command.
}
