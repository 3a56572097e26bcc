using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Core.Screenshots;

/// <summary>One domain's screen as Hyper-V returned it, decoded to 8-bit RGB.</summary>
public sealed class DomainScreenshot
{
    private readonly byte[] _rgb;

    internal DomainScreenshot(HvDomain domain, ScreenSize size, ScreenSize? videoHead, byte[] rgb)
    {
        Domain = domain;
        Size = size;
        VideoHead = videoHead;
        _rgb = rgb;
    }

    /// <summary>The domain.</summary>
    public HvDomain Domain { get; }

    /// <summary>The image's size.</summary>
    public ScreenSize Size { get; }

    /// <summary>The video head's resolution when it was read (null when a size was given).</summary>
    public ScreenSize? VideoHead { get; }

    /// <summary>Whether the image is smaller than the video head, to fit the connection's envelope size.</summary>
    public bool IsScaledDown => VideoHead is { } head && head != Size;

    /// <summary>A copy of the pixels: red, green, blue per pixel, rows from the top.</summary>
    public byte[] GetRgb() => (byte[])_rgb.Clone();

    /// <summary>Writes the image as a PNG.</summary>
    public void WritePng(Stream destination) => PngFile.Write(_rgb, Size.Width, Size.Height, destination);
}
