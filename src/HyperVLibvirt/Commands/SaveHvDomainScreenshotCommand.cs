using System.Management.Automation;
using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Screenshots;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Saves what the screens of running Hyper-V virtual machines show as PNG files (virsh screenshot).</para>
/// </summary>
[Cmdlet(VerbsData.Save, "HvDomainScreenshot", DefaultParameterSetName = "ByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class SaveHvDomainScreenshotCommand : HvDomainReadCmdletBase
{
    // WinRM's smallest MaxEnvelopeSize (8192 octets), and the most the module reads of one answer (64 MiB).
    private const int MinEnvelopeKB = 8;
    private const int MaxEnvelopeKB = 64 * 1024;

    // Touched on the pipeline thread only: files are written there.
    private readonly HashSet<string> _written = new(StringComparer.OrdinalIgnoreCase);
    private string? _fullPath;
    private bool _isFolder;

    /// <summary>A folder (one &lt;domain name&gt;.png per domain) or, for one domain, a file.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The image's width in pixels; with -Height, instead of the video head's resolution.</summary>
    [Parameter]
    [ValidateRange(1, ScreenSize.MaxSide)]
    public int Width { get; set; }

    /// <summary>The image's height in pixels; with -Width.</summary>
    [Parameter]
    [ValidateRange(1, ScreenSize.MaxSide)]
    public int Height { get; set; }

    /// <summary>
    /// The largest WS-Man answer, in KB, each picture is asked for in (w:MaxEnvelopeSize), for this command only; by default the
    /// connection's (500). A host whose WinRM MaxEnvelopeSizekb was raised can then send a larger picture: without -Width and
    /// -Height the picture is scaled to fit this size. A host still caps answers at its own MaxEnvelopeSizekb.
    /// </summary>
    [Parameter]
    [ValidateRange(MinEnvelopeKB, MaxEnvelopeKB)]
    public int MaxEnvelopeSizeKB { get; set; }

    /// <summary>Overwrite files that exist.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write a FileInfo for each file saved.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    // The picture shows the domain now: piped domains are listed again, so a stopped one is known as such.
    private protected override PipedDomainUse PipedUse => PipedDomainUse.ReadAgain;

    /// <inheritdoc />
    private protected override string? ProgressActivity => "Save-HvDomainScreenshot";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Width)) != MyInvocation.BoundParameters.ContainsKey(nameof(Height)))
        {
            ThrowTerminatingError(ErrorRecords.Create("-Width and -Height go together: give both, or neither for the video head's resolution.",
                "ScreenshotSizeIncomplete", ErrorCategory.InvalidArgument, null));
        }
        _fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            ThrowTerminatingError(ErrorRecords.Create($"'{Path}' is a path of the {provider.Name} provider; screenshots are saved as files.",
                "ScreenshotPathNotFileSystem", ErrorCategory.InvalidArgument, Path, "Give a folder or file path of the file system."));
        }
        _isFolder = Directory.Exists(_fullPath) || Path!.EndsWith('/') || Path.EndsWith('\\');
        if (_isFolder && !Directory.Exists(_fullPath))
        {
            ThrowTerminatingError(ErrorRecords.Create($"The folder '{_fullPath}' does not exist.", "ScreenshotFolderNotFound",
                ErrorCategory.ObjectNotFound, Path, "Create it with New-Item -ItemType Directory, or give an existing folder."));
        }
        if (!_isFolder)
        {
            var parent = System.IO.Path.GetDirectoryName(_fullPath);
            if (!string.IsNullOrEmpty(parent) && !Directory.Exists(parent))
            {
                ThrowTerminatingError(ErrorRecords.Create($"The folder '{parent}' of '{_fullPath}' does not exist.", "ScreenshotFolderNotFound",
                    ErrorCategory.ObjectNotFound, Path, "Create it with New-Item -ItemType Directory, or give another -Path."));
            }
            if (File.Exists(_fullPath) && !Force)
            {
                ThrowTerminatingError(FileExists(_fullPath, Path));
            }
        }
    }

    /// <summary>
    /// As Get-HvDomainGuestInfo: a wildcard or no name takes the running domains; one named exactly or piped is tried, and an error
    /// says why it has no picture. Each is confirmed here, before its picture is asked for, so -WhatIf sends no picture request.
    /// </summary>
    private protected override IReadOnlyList<HvDomain> Choose(IReadOnlyList<HvDomain> domains) =>
        domains.Where(d => d.GetState() == HvDomainState.Running || NamedExactly(d))
            .Where(d => ShouldProcess($"{d.Name} ({d.Uuid:D}) on {d.ComputerName}", $"Save screenshot to '{FileOf(d)}'"))
            .ToArray();

    /// <inheritdoc />
    protected override async IAsyncEnumerable<object> ReadAsync(HvConnection connection, IReadOnlyList<HvDomain> domains, IWsManTrace trace,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ScreenSize? size = MyInvocation.BoundParameters.ContainsKey(nameof(Width)) ? new ScreenSize(Width, Height) : null;
        int? envelope = MyInvocation.BoundParameters.ContainsKey(nameof(MaxEnvelopeSizeKB)) ? MaxEnvelopeSizeKB * 1024 : null;
        var service = new ScreenshotService(connection, trace, envelope);
        await foreach (var read in service.CaptureAsync(domains, size, cancellationToken).ConfigureAwait(false))
        {
            if (read.Error is { } error)
            {
                yield return StreamNotice.Error(ErrorRecords.From(error, read.Domain));
                continue;
            }
            var shot = read.Screenshot!;
            if (shot.IsScaledDown)
            {
                yield return StreamNotice.Warning(
                    $"The screen of domain '{shot.Domain.Name}' is {shot.VideoHead}; it is saved at {shot.Size}, the most one WS-Man answer of {service.MaxEnvelopeSize / 1024} KB holds. " +
                    "Give -Width and -Height for another size, or -MaxEnvelopeSizeKB for larger answers where the host's MaxEnvelopeSizekb allows them.");
            }
            // Written by WriteItem, on the pipeline thread.
            yield return new PictureToSave(shot);
        }
    }

    /// <inheritdoc />
    protected override void WriteItem(object? item)
    {
        if (item is not PictureToSave picture)
        {
            base.WriteItem(item);
            return;
        }
        if (Save(picture.Shot) is { } saved)
        {
            base.WriteItem(saved);
        }
    }

    private string FileOf(HvDomain domain) => _isFolder ? System.IO.Path.Combine(_fullPath!, FileNameOf(domain.Name)) : _fullPath!;

    // The file (with -PassThru), an error, or nothing.
    private object? Save(DomainScreenshot shot)
    {
        var file = FileOf(shot.Domain);
        if (!_written.Add(file))
        {
            var text = _isFolder
                ? $"Domain '{shot.Domain.Name}' ({shot.Domain.Uuid:D}) on {shot.Domain.ComputerName} would be saved as '{file}', which this command already wrote for another domain of that name."
                : $"-Path names one file, '{file}', and it already holds the screenshot of another domain; domain '{shot.Domain.Name}' was not saved.";
            return StreamNotice.Error(ErrorRecords.Create(text, "ScreenshotFileConflict", ErrorCategory.ResourceExists, shot.Domain,
                _isFolder ? "Save the domains of each host to a folder of its own." : "Give a folder as -Path to save one PNG per domain."));
        }
        try
        {
            using (var stream = new FileStream(file, Force ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                shot.WritePng(stream);
            }
            return PassThru ? new FileInfo(file) : null;
        }
        catch (IOException) when (!Force && File.Exists(file))
        {
            return StreamNotice.Error(FileExists(file, shot.Domain));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return StreamNotice.Error(ErrorRecords.Create($"Could not write '{file}': {e.Message}", "ScreenshotWriteFailed", ErrorCategory.WriteError,
                shot.Domain, "Check the path and your permission to write there."));
        }
    }

    private static ErrorRecord FileExists(string file, object? target) =>
        ErrorRecords.Create($"The file '{file}' exists.", "ScreenshotFileExists", ErrorCategory.ResourceExists, target,
            "Add -Force to overwrite it, or give another -Path.");

    // A picture fetched off the pipeline thread, to be written on it.
    private sealed record PictureToSave(DomainScreenshot Shot);

    // The domain name with characters no file system takes replaced, so any name makes a file in the folder.
    private static string FileNameOf(string domainName)
    {
        var invalid = System.IO.Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var name = new string(domainName.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim().TrimEnd('.');
        return (name.Length == 0 ? "domain" : name) + ".png";
    }
}
