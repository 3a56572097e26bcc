using StbImageWriteSharp;

namespace HyperVLibvirt.Core.Screenshots;

/// <summary>
/// Writes RGB pixels as PNG through StbImageWriteSharp (a managed port of stb_image_write, public domain, no
/// native code), so the module ships one small assembly for every platform.
/// </summary>
public static class PngFile
{
    /// <summary>Writes <paramref name="rgb"/> (three bytes per pixel, rows from the top) to <paramref name="destination"/> as a PNG.</summary>
    public static void Write(byte[] rgb, int width, int height, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgb.LongLength != (long)width * height * 3)
        {
            throw new ArgumentException($"{width}×{height} RGB pixels are {(long)width * height * 3} bytes, not {rgb.LongLength}.", nameof(rgb));
        }
        new ImageWriter().WritePng(rgb, width, height, ColorComponents.RedGreenBlue, destination);
    }
}
