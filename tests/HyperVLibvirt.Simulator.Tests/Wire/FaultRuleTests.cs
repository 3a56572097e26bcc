namespace HyperVLibvirt.Simulator.Tests.Wire;

public sealed class FaultRuleTests
{
    [Fact]
    public void Nth_request_only()
    {
        var rule = FaultRule.Parse("http500@3");
        Assert.Equal(FaultKind.Http500, rule.Kind);
        var fired = Enumerable.Range(1, 6).Select(_ => rule.CountAndMatch("Pull")).ToList();
        Assert.Equal([false, false, true, false, false, false], fired);
    }

    [Fact]
    public void From_nth_on_for_k_times_on_one_operation()
    {
        var rule = FaultRule.Parse("wsman:TimedOut@2+x2/Enumerate");
        Assert.Equal("TimedOut", rule.FaultName);
        Assert.False(rule.CountAndMatch("Pull"));
        Assert.False(rule.CountAndMatch("Enumerate"));
        Assert.True(rule.CountAndMatch("Enumerate"));
        Assert.True(rule.CountAndMatch("enumerate"));
        Assert.False(rule.CountAndMatch("Enumerate"));
        Assert.Equal(2, rule.AppliedCount);
    }

    [Fact]
    public void Always_without_count()
    {
        var rule = FaultRule.Parse("drip:16:5");
        Assert.Equal(16, rule.ChunkBytes);
        Assert.Equal(5, rule.LatencyMs);
        Assert.All(Enumerable.Range(0, 5), _ => Assert.True(rule.CountAndMatch("Identify")));
    }

    [Fact]
    public void Reset_once_on_second()
    {
        var rule = FaultRule.Parse("reset@2x1");
        Assert.Equal([false, true, false], Enumerable.Range(0, 3).Select(_ => rule.CountAndMatch("Get")).ToList());
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("http500@0")]
    [InlineData("latency:abc")]
    [InlineData("http500/")]
    public void Bad_syntax_is_rejected(string text) => Assert.Throws<FormatException>(() => FaultRule.Parse(text));

    [Fact]
    public void Fault_names_with_an_x_are_not_counts()
    {
        var rule = FaultRule.Parse("wsman:InvalidEnumerationContext/Pull");
        Assert.Equal("InvalidEnumerationContext", rule.FaultName);
        Assert.Equal("Pull", rule.Operation);
        Assert.Null(rule.Times);
    }
}
