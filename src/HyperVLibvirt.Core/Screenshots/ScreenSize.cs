namespace HyperVLibvirt.Core.Screenshots;

/// <summary>A thumbnail's size in pixels.</summary>
public readonly record struct ScreenSize(int Width, int Height)
{
    /// <summary>GetVirtualSystemThumbnailImage's WidthPixels and HeightPixels are uint16.</summary>
    public const int MaxSide = ushort.MaxValue;

    // The answer's fixed part (SOAP headers, the output element, ReturnValue), generously.
    private const int EnvelopeOverhead = 4096;

    /// <summary>The pixel count.</summary>
    public long Pixels => (long)Width * Height;

    /// <summary>
    /// The most pixels an answer of at most <paramref name="maxEnvelopeSize"/> octets can carry: ImageData is two bytes
    /// per pixel, sent as base64 (four characters for three bytes).
    /// </summary>
    public static long MaxPixels(int maxEnvelopeSize) => Math.Max(0, (long)(maxEnvelopeSize - EnvelopeOverhead) * 3 / 4 / 2);

    /// <summary>The smallest envelope, in octets, whose answer carries <paramref name="pixels"/> pixels (the inverse of <see cref="MaxPixels"/>).</summary>
    public static long EnvelopeSizeFor(long pixels) => EnvelopeOverhead + ((pixels * 2 + 2) / 3 * 4);

    /// <summary>This size, or the largest one of the same proportions (each side at least 1) within <paramref name="maxPixels"/>.</summary>
    public ScreenSize FitWithin(long maxPixels)
    {
        if (Pixels <= maxPixels)
        {
            return this;
        }
        var scale = Math.Sqrt((double)maxPixels / Pixels);
        var width = Math.Max(1, (int)Math.Floor(Width * scale));
        var height = Math.Max(1, (int)Math.Floor(Height * scale));
        // A very narrow size keeps its short side at 1, so the long side gives way for the rest.
        if ((long)width * height > maxPixels)
        {
            width = (int)Math.Max(1, maxPixels / height);
            height = (int)Math.Max(1, maxPixels / width);
        }
        return new ScreenSize(width, height);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Width}×{Height}";
}
