using HyperVLibvirt.Core.Screenshots;

namespace HyperVLibvirt.Core.Tests.Screenshots;

/// <summary>RGB 565 (low byte first) to 8-bit RGB.</summary>
public class Rgb565Tests
{
    [Theory]
    [InlineData(0x00, 0x00, 0, 0, 0)]          // black
    [InlineData(0xFF, 0xFF, 255, 255, 255)]    // white
    [InlineData(0x00, 0xF8, 255, 0, 0)]        // red 0xF800: its low byte comes first
    [InlineData(0xE0, 0x07, 0, 255, 0)]        // green 0x07E0
    [InlineData(0x1F, 0x00, 0, 0, 255)]        // blue 0x001F
    [InlineData(0x10, 0x84, 132, 130, 132)]    // 0x8410: r 16, g 32, b 16, each the top bits repeated below
    [InlineData(0x21, 0x08, 8, 4, 8)]          // 0x0821: the lowest step of each channel
    public void Each_pixel_widens_by_bit_replication(byte low, byte high, byte red, byte green, byte blue)
    {
        Assert.Equal(new[] { red, green, blue }, Rgb565.ToRgb888([low, high], 1, 1));
    }

    [Fact]
    public void Every_channel_value_maps_to_its_bit_replication_and_stays_in_order()
    {
        for (var v = 0; v < 32; v++)
        {
            Assert.Equal((v << 3) | (v >> 2), Rgb565.Widen5(v));
        }
        for (var v = 0; v < 64; v++)
        {
            Assert.Equal((v << 2) | (v >> 4), Rgb565.Widen6(v));
        }
        Assert.Equal(255, Rgb565.Widen5(31));
        Assert.Equal(255, Rgb565.Widen6(63));
        Assert.All(Enumerable.Range(1, 31), v => Assert.True(Rgb565.Widen5(v) > Rgb565.Widen5(v - 1)));
        Assert.All(Enumerable.Range(1, 63), v => Assert.True(Rgb565.Widen6(v) > Rgb565.Widen6(v - 1)));
    }

    [Fact]
    public void Rows_stay_in_order_from_the_top()
    {
        // 2×2: top row red, blue; bottom row green, white.
        var rgb = Rgb565.ToRgb888([0x00, 0xF8, 0x1F, 0x00, 0xE0, 0x07, 0xFF, 0xFF], 2, 2);
        Assert.Equal(new byte[] { 255, 0, 0, 0, 0, 255, 0, 255, 0, 255, 255, 255 }, rgb);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    public void Data_of_the_wrong_length_is_refused(int length)
    {
        var e = Assert.Throws<ArgumentException>(() => Rgb565.ToRgb888(new byte[length], 2, 2));
        Assert.Contains("8 bytes", e.Message);
    }
}
