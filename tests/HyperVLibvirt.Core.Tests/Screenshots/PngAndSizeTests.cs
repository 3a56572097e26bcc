using HyperVLibvirt.Core.Screenshots;
using HyperVLibvirt.Core.Tests.HyperV;
using HyperVLibvirt.Core.WsMan;
using StbImageSharp;

namespace HyperVLibvirt.Core.Tests.Screenshots;

/// <summary>The PNG written, the size that fits an envelope, and the video head chosen.</summary>
public class PngAndSizeTests
{
    [Fact]
    public void The_png_decodes_back_to_the_same_pixels()
    {
        const int width = 7, height = 3;
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (byte)(i * 37);
        }
        using var stream = new MemoryStream();
        PngFile.Write(rgb, width, height, stream);

        var bytes = stream.ToArray();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        var decoded = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);
        Assert.Equal(width, decoded.Width);
        Assert.Equal(height, decoded.Height);
        Assert.Equal(rgb, decoded.Data);
    }

    [Fact]
    public void A_size_within_the_budget_stays_and_a_larger_one_shrinks_in_proportion()
    {
        var max = ScreenSize.MaxPixels(512000);
        Assert.Equal((512000 - 4096) * 3 / 4 / 2, max);
        Assert.Equal(new ScreenSize(320, 240), new ScreenSize(320, 240).FitWithin(max));
        var fitted = new ScreenSize(1024, 768).FitWithin(max);
        Assert.Equal(new ScreenSize(503, 377), fitted);
        Assert.True(fitted.Pixels <= max);
        Assert.Equal(new ScreenSize(1, 1), new ScreenSize(65535, 1).FitWithin(1));
    }

    private static CimObject Head(string enabled, uint? width, uint? height) =>
        new("Msvm_VideoHead", null,
        [
            new CimProperty("EnabledState", CimValue.FromText(enabled)),
            new CimProperty("CurrentHorizontalResolution", width is null ? CimValue.Null : CimValue.FromText(width.Value.ToString())),
            new CimProperty("CurrentVerticalResolution", height is null ? CimValue.Null : CimValue.FromText(height.Value.ToString())),
        ]);

    [Fact]
    public void The_enabled_head_with_the_most_pixels_decides_and_disabled_ones_do_not_count()
    {
        Assert.Equal(new ScreenSize(1920, 1080), VideoHeadQuery.ResolutionOf([Head("2", 640, 480), Head("2", 1920, 1080), Head("3", 3840, 2160)]));
        Assert.Null(VideoHeadQuery.ResolutionOf([Head("3", null, null)]));
        Assert.Null(VideoHeadQuery.ResolutionOf([Head("2", 0, 768)]));
        Assert.Null(VideoHeadQuery.ResolutionOf([]));
    }

    [Fact]
    public void One_query_names_every_domain_by_system_name()
    {
        var a = Guid.Parse("11111111-2222-3333-4444-555555555555");
        var b = Guid.Parse("66666666-7777-8888-9999-000000000000");
        Assert.Equal("SELECT * FROM Msvm_VideoHead WHERE SystemName = '11111111-2222-3333-4444-555555555555' OR SystemName = '66666666-7777-8888-9999-000000000000'",
            VideoHeadQuery.For([a, b]));
        Assert.Throws<ArgumentException>(() => VideoHeadQuery.For([]));
    }
}
