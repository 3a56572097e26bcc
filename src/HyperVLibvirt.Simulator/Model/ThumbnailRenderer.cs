using System.Buffers.Binary;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The simulator's picture of a VM's screen, in the form GetVirtualSystemThumbnailImage returns it
/// (Microsoft's Msvm_VirtualSystemManagementService documentation: raw RGB 565): two bytes per pixel,
/// little-endian, rows from the top. The picture is a fixed pattern a client can check:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>the top eighth of the rows: four equal bands, left to right pure red, green, blue and white, so
/// channel order, byte order and orientation are all visible;</item>
/// <item>the bottom eighth: black;</item>
/// <item>between them the state's colour (<see cref="Background"/>), and the VM name in white, centred, drawn with
/// <see cref="ThumbnailFont"/> scaled to fit.</item>
/// </list>
/// </remarks>
internal static class ThumbnailRenderer
{
    public const ushort Red = 0xF800;
    public const ushort Green = 0x07E0;
    public const ushort Blue = 0x001F;
    public const ushort White = 0xFFFF;
    public const ushort Black = 0x0000;

    /// <summary>The background of a running VM: a dark blue (R 0, G 16 of 63, B 16 of 31).</summary>
    public const ushort RunningBackground = (0 << 11) | (16 << 5) | 16;

    /// <summary>The background of a paused VM (its frozen screen): an amber (R 24 of 31, G 40 of 63, B 0).</summary>
    public const ushort PausedBackground = (24 << 11) | (40 << 5) | 0;

    /// <summary>The state's background colour.</summary>
    public static ushort Background(ushort state) => state == EnabledStates.Quiesce ? PausedBackground : RunningBackground;

    /// <summary>The picture of <paramref name="name"/> in <paramref name="state"/>, <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] Render(string name, ushort state, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var pixels = new ushort[width * height];
        var band = Math.Max(1, height / 8);
        var background = Background(state);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = y < band ? Stripe(x, width) : y >= height - band ? Black : background;
            }
        }

        DrawName(pixels, width, height, name);
        var bytes = new byte[pixels.Length * 2];
        for (var i = 0; i < pixels.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), pixels[i]);
        }

        return bytes;
    }

    private static ushort Stripe(int x, int width) => (x * 4 / width) switch
    {
        0 => Red,
        1 => Green,
        2 => Blue,
        _ => White,
    };

    // Centred in the middle band, each font pixel a square of 'scale' pixels, one blank column between glyphs.
    private static void DrawName(ushort[] pixels, int width, int height, string name)
    {
        if (name.Length == 0)
        {
            return;
        }

        var advance = ThumbnailFont.GlyphWidth + 1;
        var textWidth = (name.Length * advance) - 1;
        var scale = Math.Min((width - 2) / textWidth, height / 4 / ThumbnailFont.GlyphHeight);
        if (scale < 1)
        {
            return;
        }

        var left = (width - (textWidth * scale)) / 2;
        var top = (height - (ThumbnailFont.GlyphHeight * scale)) / 2;
        for (var i = 0; i < name.Length; i++)
        {
            for (var gy = 0; gy < ThumbnailFont.GlyphHeight; gy++)
            {
                for (var gx = 0; gx < ThumbnailFont.GlyphWidth; gx++)
                {
                    if (!ThumbnailFont.IsSet(name[i], gx, gy))
                    {
                        continue;
                    }

                    var x0 = left + (((i * advance) + gx) * scale);
                    var y0 = top + (gy * scale);
                    for (var dy = 0; dy < scale; dy++)
                    {
                        Array.Fill(pixels, White, ((y0 + dy) * width) + x0, scale);
                    }
                }
            }
        }
    }
}
