using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.WsMan;

public sealed class CimDateTimeParserTests
{
    [Theory]
    [InlineData("2025-12-17T09:55:22.702341Z", 2025, 12, 17, 9, 55, 22, 7023410, 0)]
    [InlineData("2013-04-15T16:28:39.5Z", 2013, 4, 15, 16, 28, 39, 5000000, 0)]
    [InlineData("1601-01-01T00:00:00Z", 1601, 1, 1, 0, 0, 0, 0, 0)]
    [InlineData("2024-01-02T03:04:05+08:00", 2024, 1, 2, 3, 4, 5, 0, 480)]
    [InlineData("2024-01-02T03:04:05.1234567-05:30", 2024, 1, 2, 3, 4, 5, 1234567, -330)]
    [InlineData("20240102030405.123456+060", 2024, 1, 2, 3, 4, 5, 1234560, 60)]
    [InlineData("20240102030405.000000-300", 2024, 1, 2, 3, 4, 5, 0, -300)]
    [InlineData(" 2024-01-02T03:04:05 ", 2024, 1, 2, 3, 4, 5, 0, 0)]
    public void Parses_iso_and_dmtf(string text, int y, int mo, int d, int h, int mi, int s, long ticks, int offsetMinutes)
    {
        Assert.True(CimDateTimeParser.TryParseDateTime(text, out var value));
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(ticks), value);
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), value.Offset);
    }

    [Theory]
    [InlineData("not a date")]
    [InlineData("2024-13-02T03:04:05Z")]
    [InlineData("")]
    public void Rejects_garbage(string text) => Assert.False(CimDateTimeParser.TryParseDateTime(text, out _));

    [Theory]
    [InlineData("P1DT2H3M4.5S", 1, 2, 3, 4, 5000000)]
    [InlineData("PT0S", 0, 0, 0, 0, 0)]
    [InlineData("00000001020304.000005:000", 1, 2, 3, 4, 50)]
    [InlineData("00000000000030.000000:000", 0, 0, 0, 30, 0)]
    public void Parses_intervals(string text, int d, int h, int m, int s, long ticks)
    {
        Assert.True(CimDateTimeParser.TryParseInterval(text, out var value));
        Assert.Equal(new TimeSpan(d, h, m, s).Add(TimeSpan.FromTicks(ticks)), value);
    }

    [Fact]
    public void Rejects_bad_interval() => Assert.False(CimDateTimeParser.TryParseInterval("forever", out _));
}
