using System.Buffers.Binary;

namespace HyperVLibvirt.Core.Screenshots;

/// <summary>
/// Hyper-V's thumbnail pixels (Msvm_VirtualSystemManagementService.GetVirtualSystemThumbnailImage: "raw RGB 565"):
/// two bytes per pixel, low byte first (libvirt's hypervDomainScreenshot, src/hyperv/hyperv_driver.c, reads them so),
/// red in the top five bits, green in the middle six, blue in the low five; rows from the top.
/// </summary>
public static class Rgb565
{
    /// <summary>
    /// Three bytes per pixel (red, green, blue), rows from the top. Each channel widens by bit replication (the top
    /// bits repeat into the new low bits), so 0 stays 0 and the largest value becomes 255 exactly.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is not <paramref name="width"/> × <paramref name="height"/> × 2 bytes.</exception>
    public static byte[] ToRgb888(ReadOnlySpan<byte> data, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var pixels = (long)width * height;
        if (data.Length != pixels * 2)
        {
            throw new ArgumentException($"{width}×{height} pixels of RGB 565 are {pixels * 2} bytes, not {data.Length}.", nameof(data));
        }
        var rgb = new byte[pixels * 3];
        for (var i = 0; i < pixels; i++)
        {
            var pixel = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(i * 2, 2));
            rgb[i * 3] = Widen5(pixel >> 11);
            rgb[(i * 3) + 1] = Widen6((pixel >> 5) & 0x3F);
            rgb[(i * 3) + 2] = Widen5(pixel & 0x1F);
        }
        return rgb;
    }

    /// <summary>A 5-bit channel as 8 bits: abcde → abcdeabc.</summary>
    public static byte Widen5(int value) => (byte)((value << 3) | (value >> 2));

    /// <summary>A 6-bit channel as 8 bits: abcdef → abcdefab.</summary>
    public static byte Widen6(int value) => (byte)((value << 2) | (value >> 4));
}
