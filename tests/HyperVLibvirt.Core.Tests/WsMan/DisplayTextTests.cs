using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>Host text reaches messages neutralised, and the data keeps it exactly.</summary>
public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("\u001b[31mred\u001b[0m", "\u241b[31mred\u241b[0m")]
    [InlineData("bell\u0007", "bell\u2407")]
    [InlineData("over\rwrite", "over\u240dwrite")]
    [InlineData("fake\nline", "fake\u240aline")]
    [InlineData("abc\u202Edcb", "abc<U+202E>dcb")]
    [InlineData("iso\u2066late\u2069", "iso<U+2066>late<U+2069>")]
    [InlineData("csi\u009b2J", "csi<U+009B>2J")]
    [InlineData("plain Jürgen 名前", "plain Jürgen 名前")]
    public void Controls_and_bidi_overrides_are_made_visible(string raw, string shown)
    {
        Assert.Equal(shown, DisplayText.Neutralize(raw));
    }

    [Theory]
    [InlineData("<a>\n\t<b/>\r\n</a>", "<a>\n\t<b/>\r\n</a>")]
    [InlineData("lone\rcr", "lone\u240dcr")]
    [InlineData("\u001b[2Jesc\n", "\u241b[2Jesc\n")]
    [InlineData("abc\u202Edcb\n", "abc<U+202E>dcb\n")]
    public void Multi_line_text_keeps_its_line_breaks_and_loses_the_other_controls(string raw, string shown)
    {
        Assert.Equal(shown, DisplayText.NeutralizeKeepingLines(raw));
    }

    [Fact]
    public async Task A_fault_reason_with_escape_sequences_is_neutralised_in_the_message_and_exact_in_the_fault()
    {
        const string reason = "boom\u001b]0;pwned\u0007\r\u202Egnp.exe";
        await using var server = new HostileServer((req, s, ct) => HostileServer.WriteAsync(s,
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code>" +
            "<s:Reason><s:Text xml:lang=\"en-US\">boom&#x1B;]0;pwned&#x7;&#xD;\u202Egnp.exe</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>", status: 500));
        using var client = HostileServerTests.Client(server.Endpoint);
        var ex = await Assert.ThrowsAsync<WsManFaultException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Equal(reason, ex.Reason);
        foreach (var c in ex.Message)
        {
            Assert.False(char.IsControl(c) || c is '\u202E', $"U+{(int)c:X4} in the message");
        }
        Assert.Contains("\u241b]0;pwned", ex.Message);
    }
}
