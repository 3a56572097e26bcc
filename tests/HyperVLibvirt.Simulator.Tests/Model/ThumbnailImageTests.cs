using System.Buffers.Binary;
using HyperVLibvirt.Simulator.Model;

namespace HyperVLibvirt.Simulator.Tests.Model;

/// <summary>Msvm_VirtualSystemManagementService.GetVirtualSystemThumbnailImage on the model.</summary>
public class ThumbnailImageTests
{
    private const string SettingsUri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_VirtualSystemSettingData";
    private static readonly KeyValuePair<string, string>[] Service =
        [new("CreationClassName", "Msvm_VirtualSystemManagementService"), new("SystemCreationClassName", "Msvm_ComputerSystem")];

    private static MethodResult Invoke(SimulatedHost host, params KeyValuePair<string, object?>[] inputs) =>
        host.InvokeMethod(TestHosts.V2, "Msvm_VirtualSystemManagementService", Service, "GetVirtualSystemThumbnailImage", inputs);

    private static KeyValuePair<string, object?> In(string name, object? value) => new(name, value);

    private static CimReference SettingsOf(CimInstance vm) =>
        new(SettingsUri, [new("InstanceID", "Microsoft:" + ((string)vm["Name"]!).ToUpperInvariant())]);

    private static MethodResult Thumbnail(SimulatedHost host, string vmName, string width, string height) =>
        Invoke(host, In("TargetSystem", SettingsOf(TestHosts.Vm(host, vmName))), In("WidthPixels", width), In("HeightPixels", height));

    private static ushort PixelAt(byte[] image, int width, int x, int y) =>
        BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(((y * width) + x) * 2));

    [Fact]
    public void A_running_vm_answers_its_picture_at_the_size_asked_in_little_endian_rgb565()
    {
        var host = TestHosts.Create();
        var running = host.Inventory.First(v => v.State == EnabledStates.Enabled);
        var result = Thumbnail(host, running.Name, "320", "240");

        Assert.Equal(0u, result.ReturnValue);
        var image = Convert.FromBase64String((string)Assert.Single(result.OutParameters, p => p.Key == "ImageData").Value!);
        Assert.Equal(320 * 240 * 2, image.Length);
        // Stripes in the top rows, left to right red, green, blue, white; the lower byte first.
        Assert.Equal([0x00, 0xF8], image[..2]);
        Assert.Equal(ThumbnailRenderer.Red, PixelAt(image, 320, 0, 0));
        Assert.Equal(ThumbnailRenderer.Green, PixelAt(image, 320, 100, 10));
        Assert.Equal(ThumbnailRenderer.Blue, PixelAt(image, 320, 200, 10));
        Assert.Equal(ThumbnailRenderer.White, PixelAt(image, 320, 319, 29));
        Assert.Equal(ThumbnailRenderer.RunningBackground, PixelAt(image, 320, 2, 120));
        Assert.Equal(ThumbnailRenderer.Black, PixelAt(image, 320, 160, 239));
    }

    [Fact]
    public void The_vm_name_is_drawn_in_white_in_the_middle()
    {
        var image = ThumbnailRenderer.Render("I", EnabledStates.Enabled, 64, 64);
        // One glyph, 5x7 at scale 2 (64 / 4 / 7), centred: 'I' has its top bar across and a stem in column 2.
        var left = (64 - 10) / 2;
        var top = (64 - 14) / 2;
        Assert.Equal(ThumbnailRenderer.White, PixelAt(image, 64, left + 2, top));
        Assert.Equal(ThumbnailRenderer.White, PixelAt(image, 64, left + 5, top + 6));
        Assert.Equal(ThumbnailRenderer.RunningBackground, PixelAt(image, 64, left, top + 6));
        var whites = Enumerable.Range(0, 64 * 64).Count(i => PixelAt(image, 64, i % 64, i / 64) == ThumbnailRenderer.White);
        // The white quarter of the stripes (8 rows of 16 columns) and the glyph's 11 set cells of 2x2.
        Assert.Equal((8 * 16) + (11 * 4), whites);
    }

    [Fact]
    public void An_off_vm_has_no_picture_invalid_state()
    {
        var host = TestHosts.Create();
        var off = host.Inventory.First(v => v.State == EnabledStates.Disabled);
        var result = Thumbnail(host, off.Name, "320", "240");
        Assert.Equal(32775u, result.ReturnValue);
        Assert.Empty(result.OutParameters);
    }

    [Theory]
    [InlineData("0", "240")]
    [InlineData("320", "4097")]
    public void A_zero_or_too_large_size_is_an_invalid_parameter(string width, string height)
    {
        var host = TestHosts.Create();
        var running = host.Inventory.First(v => v.State == EnabledStates.Enabled);
        Assert.Equal(32773u, Thumbnail(host, running.Name, width, height).ReturnValue);
    }

    [Fact]
    public void A_size_that_is_not_a_uint16_is_a_type_mismatch_fault()
    {
        var host = TestHosts.Create();
        var running = host.Inventory.First(v => v.State == EnabledStates.Enabled);
        var e = Assert.Throws<CimException>(() => Thumbnail(host, running.Name, "wide", "240"));
        Assert.Equal(CimErrorKind.InvalidParameter, e.Kind);
    }

    [Fact]
    public void A_reference_that_is_not_a_vms_settings_is_an_invalid_parameter()
    {
        var host = TestHosts.Create();
        var bogus = new CimReference(SettingsUri, [new("InstanceID", "Microsoft:" + Guid.Empty.ToString("D"))]);
        Assert.Equal(32773u, Invoke(host, In("TargetSystem", bogus), In("WidthPixels", "8"), In("HeightPixels", "8")).ReturnValue);
        Assert.Equal(32773u, Invoke(host, In("WidthPixels", "8"), In("HeightPixels", "8")).ReturnValue);
    }
}
