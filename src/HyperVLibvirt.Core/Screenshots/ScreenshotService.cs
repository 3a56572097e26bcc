using System.Globalization;
using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Screenshots;

/// <summary>
/// Takes domains' screenshots as libvirt's hypervDomainScreenshot (src/hyperv/hyperv_driver.c) does: the video head's
/// resolution, then Msvm_VirtualSystemManagementService.GetVirtualSystemThumbnailImage at that size, RGB 565 decoded.
/// The resolutions of all domains come in one query per <see cref="VideoHeadQuery.MaxDomainsPerQuery"/> domains;
/// each picture is one call (the method takes one VM), the target a reference to the VM's realized
/// Msvm_VirtualSystemSettingData built from its UUID, which spares libvirt's ASSOCIATORS lookup.
/// </summary>
public sealed class ScreenshotService
{
    private const string MethodName = "GetVirtualSystemThumbnailImage";
    private const uint InvalidState = 32775;

    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public ScreenshotService(HvConnection session, IWsManTrace? trace)
        : this(session, trace, null)
    {
    }

    /// <summary>
    /// A service whose pictures may fill answers of up to <paramref name="maxEnvelopeSize"/> octets (null: the connection's
    /// MaxEnvelopeSize), for hosts whose WinRM MaxEnvelopeSizekb was raised: each GetVirtualSystemThumbnailImage asks for that
    /// envelope, and only those calls do.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEnvelopeSize"/> is below WinRM's minimum of 8192 octets or above
    /// the most the connection reads of one answer.</exception>
    public ScreenshotService(HvConnection session, IWsManTrace? trace, int? maxEnvelopeSize)
    {
        ArgumentNullException.ThrowIfNull(session);
        var settings = session.GetSettings();
        if (maxEnvelopeSize is < WsManSettings.MinEnvelopeSize || maxEnvelopeSize > settings.MaxResponseBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEnvelopeSize), maxEnvelopeSize,
                $"The envelope size must be between {WsManSettings.MinEnvelopeSize} octets (WinRM's minimum) and {settings.MaxResponseBytes} (the most the connection reads of one answer).");
        }
        _session = session;
        _trace = trace;
        MaxEnvelopeSize = maxEnvelopeSize ?? settings.MaxEnvelopeSize;
    }

    /// <summary>The largest answer, in octets, each picture is asked for in (<c>w:MaxEnvelopeSize</c>).</summary>
    public int MaxEnvelopeSize { get; }

    /// <summary>
    /// The most pixels one answer can carry: <see cref="MaxEnvelopeSize"/> (a host may cap it lower with its MaxEnvelopeSizekb,
    /// 500 KB by default).
    /// </summary>
    public long MaxPixels => ScreenSize.MaxPixels(MaxEnvelopeSize);

    /// <summary>
    /// One outcome per domain, in the order given, each as soon as its picture arrives. With <paramref name="size"/>
    /// null each domain's video head decides the size (scaled down, same proportions, to <see cref="MaxPixels"/>);
    /// otherwise every picture has that size, which must fit.
    /// </summary>
    /// <exception cref="HvClassNotFoundException">The host has no Msvm_VideoHead class.</exception>
    public async IAsyncEnumerable<ScreenshotRead> CaptureAsync(IReadOnlyList<HvDomain> domains, ScreenSize? size,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var heads = size is null
            ? await GetResolutionsAsync(domains.Select(d => d.Uuid).ToArray(), cancellationToken).ConfigureAwait(false)
            : new Dictionary<Guid, ScreenSize>();
        foreach (var domain in domains)
        {
            ScreenshotRead read;
            try
            {
                read = new ScreenshotRead(domain, await CaptureOneAsync(domain, size, heads, cancellationToken).ConfigureAwait(false), null);
            }
            catch (HvScreenshotException e)
            {
                read = new ScreenshotRead(domain, null, e);
            }
            yield return read;
        }
    }

    /// <summary>Each domain's video head resolution, for the domains that show a screen.</summary>
    /// <exception cref="HvClassNotFoundException">The host has no Msvm_VideoHead class.</exception>
    public async Task<IReadOnlyDictionary<Guid, ScreenSize>> GetResolutionsAsync(IReadOnlyCollection<Guid> domains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var headsByVm = new Dictionary<Guid, List<CimObject>>();
        try
        {
            foreach (var chunk in domains.Distinct().Chunk(VideoHeadQuery.MaxDomainsPerQuery))
            {
                await foreach (var head in _session.QueryAsync(VideoHeadQuery.For(chunk), null, _trace, cancellationToken).ConfigureAwait(false))
                {
                    if (Guid.TryParse(head.GetString("SystemName"), out var vm))
                    {
                        (headsByVm.TryGetValue(vm, out var list) ? list : headsByVm[vm] = []).Add(head);
                    }
                }
            }
        }
        catch (WsManFaultException fault) when (fault.WsManCode == WsManFaultException.CodeCannotProcessFilter || fault.Subcode == "n:CannotProcessFilter")
        {
            throw new HvClassNotFoundException(_session.ComputerName, VideoHeadQuery.ClassName, _session.Namespace,
                "Screenshots need the VMs' video heads; check that the host's Hyper-V role is complete (Get-WindowsFeature Hyper-V on the host).", fault);
        }
        var resolutions = new Dictionary<Guid, ScreenSize>();
        foreach (var (vm, heads) in headsByVm)
        {
            if (VideoHeadQuery.ResolutionOf(heads) is { } resolution)
            {
                resolutions[vm] = resolution;
            }
        }
        return resolutions;
    }

    private async Task<DomainScreenshot> CaptureOneAsync(HvDomain domain, ScreenSize? asked, IReadOnlyDictionary<Guid, ScreenSize> heads,
        CancellationToken cancellationToken)
    {
        ScreenSize? head = null;
        ScreenSize size;
        if (asked is { } given)
        {
            if (given.Pixels > MaxPixels)
            {
                throw new HvScreenshotException(ScreenshotFailure.TooLarge, domain.Name, domain.Uuid, string.Create(CultureInfo.InvariantCulture,
                    $"A {given} screenshot of domain '{domain.Name}' does not fit in one WS-Man answer of {MaxEnvelopeSize} bytes " +
                    $"(at most {MaxPixels} pixels, two bytes each, sent as base64). Ask for a smaller size, for example {given.FitWithin(MaxPixels)}: Hyper-V scales the picture. " +
                    $"Or, where the host's MaxEnvelopeSizekb allows it, ask for answers of {EnvelopeKbFor(given)} KB or more with -MaxEnvelopeSizeKB."));
            }
            size = given;
        }
        else if (heads.TryGetValue(domain.Uuid, out var resolution))
        {
            head = resolution;
            size = resolution.FitWithin(MaxPixels);
        }
        else
        {
            throw NotShowing(domain);
        }

        CimObject output;
        try
        {
            output = await _session.Client.InvokeAsync(WmiNamespace.ClassUri(_session.Namespace, SummaryRequest.ServiceClass), MethodName,
                SummaryRequest.ServiceSelectors, Parameters(domain.Uuid, size), MaxEnvelopeSize, _trace, cancellationToken).ConfigureAwait(false);
        }
        catch (WsManFaultException fault) when (fault.Fault.SubcodeLocalName == "EncodingLimit")
        {
            // The host's MaxEnvelopeSizekb is below what this call asks for (150 KB on older Windows, 500 KB by default).
            throw new HvScreenshotException(ScreenshotFailure.TooLarge, domain.Name, domain.Uuid, string.Create(CultureInfo.InvariantCulture,
                $"The {size} screenshot of domain '{domain.Name}' is larger than {_session.ComputerName} sends in one WS-Man answer (its MaxEnvelopeSizekb). " +
                $"Ask for a smaller size with -Width and -Height, for example {size.FitWithin(size.Pixels / 4)}, or raise MaxEnvelopeSizekb on the host " +
                $"to {Math.Max(500, EnvelopeKbFor(size))} (winrm set winrm/config @{{MaxEnvelopeSizekb=\"{Math.Max(500, EnvelopeKbFor(size))}\"}})."));
        }
        return new DomainScreenshot(domain, size, head, ReadImage(output, domain, size));
    }

    // The envelope, in KB, that a picture of this size needs.
    private static long EnvelopeKbFor(ScreenSize size) => (ScreenSize.EnvelopeSizeFor(size.Pixels) + 1023) / 1024;

    private IReadOnlyList<KeyValuePair<string, object?>> Parameters(Guid domain, ScreenSize size) =>
    [
        new("TargetSystem", new EndpointReference(WmiNamespace.ClassUri(_session.Namespace, "Msvm_VirtualSystemSettingData"),
            [new("InstanceID", SettingsInstanceId.ForRealizedSystem(domain))])),
        new("WidthPixels", size.Width.ToString(CultureInfo.InvariantCulture)),
        new("HeightPixels", size.Height.ToString(CultureInfo.InvariantCulture)),
    ];

    private byte[] ReadImage(CimObject output, HvDomain domain, ScreenSize size)
    {
        if (output.GetUInt64("ReturnValue") is not { } returned)
        {
            throw Invalid(domain, $"the {MethodName} answer has no ReturnValue");
        }
        var code = returned > uint.MaxValue ? uint.MaxValue : (uint)returned;
        if (code == InvalidState)
        {
            throw NotShowing(domain, code);
        }
        if (code != ReturnCodes.Completed)
        {
            throw new HvScreenshotException(ScreenshotFailure.Refused, domain.Name, domain.Uuid, string.Create(CultureInfo.InvariantCulture,
                $"Could not take a screenshot of domain '{domain.Name}' on {_session.ComputerName}: Invocation of {MethodName} returned an error: " +
                $"{ReturnCodes.ToText(code)} ({code}). Check the domain with Get-HvDomain and try again."), code);
        }
        var data = ImageBytes(output) ?? throw Invalid(domain, "Failed to retrieve image data (the answer has no ImageData)");
        try
        {
            return Rgb565.ToRgb888(data, size.Width, size.Height);
        }
        catch (ArgumentException e)
        {
            throw Invalid(domain, e.Message);
        }
    }

    // WinRM sends the uint8[] as one base64 element (libvirt decodes it so); a host sending one element per byte is read too.
    private static byte[]? ImageBytes(CimObject output)
    {
        if (!output.TryGet("ImageData", out var value) || value.IsNull)
        {
            return null;
        }
        if (value.Kind != CimValueKind.Array)
        {
            try
            {
                return Convert.FromBase64String(value.AsString() ?? string.Empty);
            }
            catch (FormatException)
            {
                return null;
            }
        }
        var items = value.AsArray();
        var bytes = new byte[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].AsUInt64() is not (<= byte.MaxValue and var b))
            {
                return null;
            }
            bytes[i] = (byte)b;
        }
        return bytes;
    }

    private HvScreenshotException NotShowing(HvDomain domain, uint? code = null) =>
        new(ScreenshotFailure.NotRunning, domain.Name, domain.Uuid,
            $"Domain '{domain.Name}' on {_session.ComputerName} shows no screen: it is {domain.HyperVState}, and Hyper-V has a picture only of a running VM. " +
            "Start it with Start-HvDomain, or resume it with Resume-HvDomain, and try again.", code);

    private HvScreenshotException Invalid(HvDomain domain, string detail) =>
        new(ScreenshotFailure.InvalidResponse, domain.Name, domain.Uuid,
            $"Could not take a screenshot of domain '{domain.Name}' on {_session.ComputerName}: {detail}.");
}
