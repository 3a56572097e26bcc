using System.Text;
using System.Xml;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>DTDs, entity bombs, truncation and oversize never hang and never get past the reader.</summary>
public sealed class HostileXmlTests
{
    private const string Head = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\"><s:Header/><s:Body><n:PullResponse><n:Items>";

    private static Stream Utf8(string s) => new MemoryStream(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void Billion_laughs_is_refused_as_a_dtd()
    {
        var bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">" +
                   "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>" +
                   "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>&lol3;</s:Body></s:Envelope>";
        var ex = Assert.Throws<XmlException>(() => SharedFixtures.Parse(Utf8(bomb)));
        Assert.Contains("DTD", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void External_entity_is_refused()
    {
        var xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>&e;</s:Body></s:Envelope>";
        Assert.Throws<XmlException>(() => SharedFixtures.Parse(Utf8(xxe)));
    }

    [Fact]
    public void Truncated_page_throws_instead_of_ending_quietly()
    {
        var xml = Head + "<p:C xmlns:p=\"urn:c\"><p:A>1</p:A></p:C><p:C xmlns:p=\"urn:c\"><p:A>2";
        Assert.Throws<XmlException>(() => SharedFixtures.Parse(Utf8(xml)));
    }

    [Fact]
    public void Truncated_after_items_throws()
    {
        var xml = Head + "</n:Items><n:EndOfSequence/></n:PullResponse></s:Body>";
        Assert.Throws<XmlException>(() => SharedFixtures.Parse(Utf8(xml)));
    }

    [Fact]
    public void Counting_stream_stops_past_the_limit()
    {
        var big = new StringBuilder(Head);
        for (var i = 0; i < 2000; i++)
        {
            big.Append("<p:C xmlns:p=\"urn:c\"><p:A>").Append(i).Append("</p:A></p:C>");
        }
        big.Append("</n:Items><n:EndOfSequence/></n:PullResponse></s:Body></s:Envelope>");
        var bytes = Encoding.UTF8.GetBytes(big.ToString());
        using var counting = new CountingStream(new MemoryStream(bytes), 4096,
            limit => new WsManProtocolException($"over {limit}", "h", 1));
        var ex = Assert.Throws<WsManProtocolException>(() => SharedFixtures.Parse(counting));
        Assert.Contains("4096", ex.Message);
        Assert.True(counting.BytesRead <= 4097 + 0, $"read {counting.BytesRead} bytes");
    }

    [Fact]
    public void Not_an_envelope_is_a_missing_element()
    {
        Assert.Throws<MissingElementException>(() => SharedFixtures.Parse(Utf8("<html><body>hi</body></html>")));
    }

    [Fact]
    public void Empty_body_is_reported()
    {
        Assert.Throws<XmlException>(() => SharedFixtures.Parse(Utf8(string.Empty)));
    }

    [Fact]
    public void Empty_or_absent_items_with_end_of_sequence_are_accepted()
    {
        var absent = SharedFixtures.Parse(Utf8("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\"><s:Body><n:PullResponse><n:EndOfSequence/></n:PullResponse></s:Body></s:Envelope>"));
        Assert.Empty(absent.Items);
        Assert.True(absent.EndOfSequence);
        var empty = SharedFixtures.Parse(Utf8("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Body><n:EnumerateResponse><n:EnumerationContext/><w:Items/><w:EndOfSequence/></n:EnumerateResponse></s:Body></s:Envelope>"));
        Assert.Empty(empty.Items);
        Assert.True(empty.EndOfSequence);
        Assert.Null(empty.Context);
    }

    [Fact]
    public void Epr_mode_items_carry_references()
    {
        var xml = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\"><s:Body><n:PullResponse><n:Items>" +
                  "<a:EndpointReference><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address><a:ReferenceParameters><w:ResourceURI>http://x/wmi/root/virtualization/v2/Msvm_ComputerSystem</w:ResourceURI><w:SelectorSet><w:Selector Name=\"Name\">VM1</w:Selector></w:SelectorSet></a:ReferenceParameters></a:EndpointReference>" +
                  "<w:Item><p:Msvm_ComputerSystem xmlns:p=\"http://x/wmi/root/virtualization/v2/Msvm_ComputerSystem\"><p:Name>VM2</p:Name></p:Msvm_ComputerSystem><a:EndpointReference><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address><a:ReferenceParameters><w:ResourceURI>http://x/wmi/root/virtualization/v2/Msvm_ComputerSystem</w:ResourceURI><w:SelectorSet><w:Selector Name=\"Name\">VM2</w:Selector></w:SelectorSet></a:ReferenceParameters></a:EndpointReference></w:Item>" +
                  "</n:Items><n:EndOfSequence/></n:PullResponse></s:Body></s:Envelope>";
        var p = SharedFixtures.Parse(Utf8(xml));
        Assert.Equal(2, p.Items.Count);
        Assert.Equal("Msvm_ComputerSystem", p.Items[0].ClassName);
        Assert.Equal("VM1", p.Items[0].Reference!.GetSelector("Name"));
        Assert.Empty(p.Items[0].Properties);
        Assert.Equal("VM2", p.Items[1].GetString("Name"));
        Assert.Equal("VM2", p.Items[1].Reference!.GetSelector("Name"));
    }

    [Fact]
    public void Embedded_objects_intervals_and_dmtf_datetimes()
    {
        var xml = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>" +
                  "<p:GetSummaryInformation_OUTPUT xmlns:p=\"http://x/wmi/root/virtualization/v2/Msvm_VirtualSystemManagementService\" xmlns:cim=\"http://schemas.dmtf.org/wbem/wscim/1/common\">" +
                  "<p:SummaryInformation><q:Msvm_SummaryInformation xmlns:q=\"http://x/wmi/root/virtualization/v2/Msvm_SummaryInformation\"><q:Name>A</q:Name><q:EnabledState>2</q:EnabledState></q:Msvm_SummaryInformation></p:SummaryInformation>" +
                  "<p:SummaryInformation xmlns:r=\"http://x/wmi/root/virtualization/v2/Msvm_SummaryInformation\"><r:Name>B</r:Name><r:EnabledState>3</r:EnabledState></p:SummaryInformation>" +
                  "<p:Delay><cim:Interval>P1DT2H3M4.5S</cim:Interval></p:Delay>" +
                  "<p:DmtfDelay><cim:Interval>00000001020304.000005:000</cim:Interval></p:DmtfDelay>" +
                  "<p:When><cim:CIM_DateTime>20240102030405.123456+060</cim:CIM_DateTime></p:When>" +
                  "<p:Offset><cim:Datetime>2024-01-02T03:04:05+08:00</cim:Datetime></p:Offset>" +
                  "<p:ReturnValue>0</p:ReturnValue></p:GetSummaryInformation_OUTPUT></s:Body></s:Envelope>";
        var o = SharedFixtures.Parse(Utf8(xml)).Single!;
        var infos = o.GetArray("SummaryInformation");
        Assert.Equal(2, infos.Count);
        Assert.Equal("Msvm_SummaryInformation", infos[0].AsObject()!.ClassName);
        Assert.Equal("A", infos[0].AsObject()!.GetString("Name"));
        Assert.Equal("Msvm_SummaryInformation", infos[1].AsObject()!.ClassName);
        Assert.Equal(3UL, infos[1].AsObject()!.GetUInt64("EnabledState"));
        Assert.Equal(new TimeSpan(1, 2, 3, 4, 500), o["Delay"]!.AsInterval());
        Assert.Equal(new TimeSpan(1, 2, 3, 4).Add(TimeSpan.FromTicks(50)), o["DmtfDelay"]!.AsInterval());
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromMinutes(60)).AddTicks(1234560), o.GetDateTime("When"));
        Assert.Equal(TimeSpan.FromHours(8), o.GetDateTime("Offset")!.Value.Offset);
        Assert.Equal(0UL, o.GetUInt64("ReturnValue"));
    }

    [Fact]
    public void One_hundred_thousand_instances_stream_through_one_page()
    {
        var stream = new GeneratedPageStream(100_000);
        var count = 0;
        using (var rr = ResponseReader.Open(stream, out var hasBody))
        {
            Assert.True(hasBody);
            while (rr.ReadNextItem() is { } item)
            {
                Assert.Equal(count, (int)item.GetUInt64("Id")!.Value);
                count++;
            }
            Assert.True(rr.EndOfSequence);
        }
        Assert.Equal(100_000, count);
    }

    /// <summary>Produces a PullResponse with N instances on demand, without holding it in memory.</summary>
    private sealed class GeneratedPageStream : Stream
    {
        private readonly int _count;
        private int _next = -1;
        private byte[] _chunk = Array.Empty<byte>();
        private int _offset;

        public GeneratedPageStream(int count) => _count = count;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset >= _chunk.Length)
            {
                if (_next > _count)
                {
                    return 0;
                }
                _chunk = Encoding.UTF8.GetBytes(_next < 0 ? Head
                    : _next == _count ? "</n:Items><n:EndOfSequence/></n:PullResponse></s:Body></s:Envelope>"
                    : $"<p:Msvm_ComputerSystem xmlns:p=\"http://x/wmi/root/virtualization/v2/Msvm_ComputerSystem\"><p:Id>{_next}</p:Id><p:Name>VM-{_next}</p:Name><p:OperationalStatus>2</p:OperationalStatus><p:OperationalStatus>3</p:OperationalStatus></p:Msvm_ComputerSystem>");
                _next++;
                _offset = 0;
            }
            var n = Math.Min(count, _chunk.Length - _offset);
            Array.Copy(_chunk, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
