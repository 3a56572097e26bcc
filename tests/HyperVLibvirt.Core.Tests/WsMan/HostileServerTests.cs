using System.Net;
using System.Text;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Tests.WsMan;

/// <summary>The client against a server that breaks the protocol on purpose: the process survives, and every failure is typed.</summary>
public sealed class HostileServerTests
{
    private const string ItemNs = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem";
    private const string ResourceUri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <remarks>The hostile server asks for no authentication, as a host set up for Basic that answers the first bare request would not;
    /// Basic keeps the request count the tests reason about (Default first sends an empty POST to learn the schemes).</remarks>
    internal static WsManClient Client(Uri endpoint, Func<WsManSettings, WsManSettings>? tweak = null)
    {
        var settings = new WsManSettings
        {
            Authentication = AuthenticationMechanism.Basic,
            OperationTimeout = TimeSpan.FromSeconds(20),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        return new WsManClient(endpoint, new NetworkCredential("admin", "Hostile-P@ss-1"), tweak?.Invoke(settings) ?? settings);
    }

    private static async Task<List<CimObject>> ListAsync(WsManClient client, int stopAfter = int.MaxValue)
    {
        var items = new List<CimObject>();
        using var cts = new CancellationTokenSource(Bound);
        await foreach (var item in client.EnumerateAsync(ResourceUri, "SELECT * FROM Msvm_ComputerSystem", null, cts.Token))
        {
            items.Add(item);
            if (items.Count >= stopAfter)
            {
                break;
            }
        }
        return items;
    }

    private static string Vm(string name, string elementName = "vm", string enabledState = "2") =>
        $"<p:Msvm_ComputerSystem xmlns:p=\"{ItemNs}\"><p:ElementName>{elementName}</p:ElementName><p:EnabledState>{enabledState}</p:EnabledState><p:Name>{name}</p:Name></p:Msvm_ComputerSystem>";

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="open"/>, then of <paramref name="close"/>, without building the whole text.</summary>
    private static async Task WriteNestedAsync(Stream s, string open, string close, int count)
    {
        var o = Encoding.UTF8.GetBytes(open);
        var c = Encoding.UTF8.GetBytes(close);
        var batch = 512;
        var ob = new byte[o.Length * batch];
        var cb = new byte[c.Length * batch];
        for (var i = 0; i < batch; i++)
        {
            o.CopyTo(ob, i * o.Length);
            c.CopyTo(cb, i * c.Length);
        }
        for (var done = 0; done < count; done += batch)
        {
            var n = Math.Min(batch, count - done);
            await s.WriteAsync(ob.AsMemory(0, n * o.Length));
        }
        for (var done = 0; done < count; done += batch)
        {
            var n = Math.Min(batch, count - done);
            await s.WriteAsync(cb.AsMemory(0, n * c.Length));
        }
    }

    [Fact]
    public async Task Deeply_nested_property_fails_typed_instead_of_overflowing_the_stack()
    {
        await using var server = new HostileServer((req, s, ct) => HostileServer.WriteChunkedAsync(s, async body =>
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes(HostileServer.Envelope + "<s:Header/><s:Body><n:EnumerateResponse><w:Items>" +
                $"<p:Msvm_ComputerSystem xmlns:p=\"{ItemNs}\"><p:Name>"));
            await WriteNestedAsync(body, "<p:x>", "</p:x>", 45_000);
            await body.WriteAsync(Encoding.UTF8.GetBytes("</p:Name></p:Msvm_ComputerSystem></w:Items><w:EndOfSequence/></n:EnumerateResponse></s:Body></s:Envelope>"));
        }));
        using var client = Client(server.Endpoint);
        var ex = await Assert.ThrowsAsync<WsManProtocolException>(() => ListAsync(client));
        Assert.Contains("nested", ex.Message);
    }

    [Fact]
    public async Task Deeply_nested_fault_fails_typed_instead_of_overflowing_the_stack()
    {
        await using var server = new HostileServer((req, s, ct) => HostileServer.WriteChunkedAsync(s, async body =>
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes(HostileServer.Envelope + "<s:Header/><s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code>" +
                "<s:Reason><s:Text>r</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f=\"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault\" Code=\"1\">"));
            await WriteNestedAsync(body, "<f:Message><f:ProviderFault><f:WSManFault Code=\"2\">", "</f:WSManFault></f:ProviderFault></f:Message>", 34_000);
            await body.WriteAsync(Encoding.UTF8.GetBytes("</f:WSManFault></s:Detail></s:Fault></s:Body></s:Envelope>"));
        }, status: 500));
        using var client = Client(server.Endpoint);
        var ex = await Assert.ThrowsAsync<WsManProtocolException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Contains("nested", ex.Message);
    }

    [Fact]
    public async Task Modest_nesting_is_still_read()
    {
        // An embedded object three levels down, as WinRM sends for __ExtendedStatus-like values.
        await using var server = new HostileServer((req, s, ct) => HostileServer.WriteAsync(s, HostileServer.Page(true, null,
            $"<p:Msvm_ComputerSystem xmlns:p=\"{ItemNs}\"><p:Name>{Guid.Empty}</p:Name><p:E><p:A><p:B><p:C>deep</p:C></p:B></p:A></p:E></p:Msvm_ComputerSystem>", end: true)));
        using var client = Client(server.Endpoint);
        var items = await ListAsync(client);
        var e = Assert.Single(items)["E"]!.AsObject()!;
        Assert.Equal("deep", e["A"]!.AsObject()!["B"]!.AsObject()!.GetString("C"));
    }

    [Fact]
    public async Task Empty_pages_forever_end_with_a_typed_error()
    {
        await using var server = new HostileServer((req, s, ct) =>
            HostileServer.WriteAsync(s, HostileServer.Page(req.Operation == "Enumerate", "uuid:same", string.Empty, end: false)));
        using var client = Client(server.Endpoint);
        var ex = await Assert.ThrowsAsync<WsManProtocolException>(() => ListAsync(client));
        Assert.Contains("without end", ex.Message);
        Assert.True(server.Requests < 200, $"{server.Requests} requests");
    }

    [Fact]
    public async Task The_same_item_on_every_page_ends_with_a_typed_error()
    {
        var vm = Vm("5A4F3E2D-1C0B-4A9B-8C7D-6E5F4A3B2C1D");
        await using var server = new HostileServer((req, s, ct) =>
            HostileServer.WriteAsync(s, HostileServer.Page(req.Operation == "Enumerate", "uuid:same", vm, end: false)));
        using var client = Client(server.Endpoint, o => new WsManSettings
        {
            OperationTimeout = o.OperationTimeout, ConnectTimeout = o.ConnectTimeout, PullAhead = false,
        });
        var seen = 0;
        var ex = await Assert.ThrowsAsync<WsManProtocolException>(async () =>
        {
            using var cts = new CancellationTokenSource(Bound);
            await foreach (var _ in client.EnumerateAsync(ResourceUri, "SELECT * FROM Msvm_ComputerSystem", null, cts.Token))
            {
                seen++;
            }
        });
        Assert.Contains("without end", ex.Message);
        Assert.True(seen < 200, $"{seen} items");
    }

    [Fact]
    public async Task Two_items_alternating_forever_end_with_a_typed_error()
    {
        var a = Vm("5A4F3E2D-1C0B-4A9B-8C7D-6E5F4A3B2C1D", "a");
        var b = Vm("6A4F3E2D-1C0B-4A9B-8C7D-6E5F4A3B2C1D", "b");
        await using var server = new HostileServer((req, s, ct) =>
            HostileServer.WriteAsync(s, HostileServer.Page(req.Operation == "Enumerate", "uuid:same", req.Number % 2 == 0 ? a : b, end: false)));
        using var client = Client(server.Endpoint);
        var ex = await Assert.ThrowsAsync<WsManProtocolException>(() => ListAsync(client));
        Assert.Contains("without end", ex.Message);
        Assert.True(server.Requests < 300, $"{server.Requests} requests");
    }

    [Fact]
    public async Task A_long_honest_enumeration_with_one_item_per_page_still_completes()
    {
        const int pages = 300;
        await using var server = new HostileServer((req, s, ct) =>
            HostileServer.WriteAsync(s, HostileServer.Page(req.Operation == "Enumerate", req.Number >= pages ? null : "uuid:same",
                Vm(new Guid(req.Number, 0, 0, new byte[8]).ToString()), end: req.Number >= pages)));
        using var client = Client(server.Endpoint, o => new WsManSettings { Authentication = AuthenticationMechanism.Basic, OperationTimeout = o.OperationTimeout, ConnectTimeout = o.ConnectTimeout, MaxElements = 1 });
        Assert.Equal(pages, (await ListAsync(client)).Count);
        // Fully read responses keep their connections alive (the Pull sent ahead takes a second one).
        Assert.True(server.Connections <= 2, $"{server.Connections} connections");
    }

    [Fact]
    public async Task A_huge_property_fails_typed_before_it_is_read_whole()
    {
        const int megabytes = 48; // under the 64 MiB response limit, so only the value bound can stop it
        var sentAll = false;
        await using var server = new HostileServer((req, s, ct) => HostileServer.WriteChunkedAsync(s, async body =>
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes(HostileServer.Envelope + "<s:Header/><s:Body><n:EnumerateResponse><w:Items>" +
                $"<p:Msvm_ComputerSystem xmlns:p=\"{ItemNs}\"><p:ElementName>"));
            var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            for (var i = 0; i < megabytes * 16; i++)
            {
                await body.WriteAsync(chunk, ct);
            }
            await body.WriteAsync(Encoding.UTF8.GetBytes("</p:ElementName></p:Msvm_ComputerSystem></w:Items><w:EndOfSequence/></n:EnumerateResponse></s:Body></s:Envelope>"), ct);
            sentAll = true;
        }));
        using var client = Client(server.Endpoint);
        var ex = await Assert.ThrowsAsync<WsManProtocolException>(() => ListAsync(client));
        Assert.Contains("longer than", ex.Message);
        Assert.False(sentAll, "the client read the whole value before failing");
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head><title>Welcome</title></head><body>It works!</body></html>")]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>")]
    public async Task An_html_page_labelled_as_soap_is_called_a_web_page_not_a_dtd(string page)
    {
        await using var server = new HostileServer((req, s, ct) => HostileServer.WriteAsync(s, page));
        using var client = Client(server.Endpoint);
        var ex = await Assert.ThrowsAsync<WsManProtocolException>(() => client.IdentifyAsync(false, null, CancellationToken.None));
        Assert.Contains("HTML page", ex.Message);
        Assert.DoesNotContain("DTD", ex.Message);
    }

    [Fact]
    public async Task A_response_abandoned_mid_body_is_dropped_not_drained()
    {
        // SocketsHttpHandler by default drains an abandoned response for up to 2 s to reuse its connection,
        // which is what made Ctrl+C and timeouts late. Observed without timing: a drained connection would be
        // reused by the next request, a dropped one is not.
        var restWanted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new HostileServer(async (req, s, ct) =>
        {
            if (req.Number > 1)
            {
                await HostileServer.WriteAsync(s, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\"><s:Body><wsmid:IdentifyResponse/></s:Body></s:Envelope>");
                return;
            }
            await HostileServer.WriteChunkedAsync(s, async body =>
            {
                await body.WriteAsync(Encoding.UTF8.GetBytes(HostileServer.Envelope + "<s:Header/><s:Body><n:EnumerateResponse><w:Items>" + Vm(Guid.NewGuid().ToString(), "first")));
                await body.FlushAsync(ct);
                await restWanted.Task.WaitAsync(Bound, ct);
                var rest = new StringBuilder();
                for (var i = 0; i < 400; i++)
                {
                    rest.Append(Vm(Guid.NewGuid().ToString(), "rest"));
                }
                await body.WriteAsync(Encoding.UTF8.GetBytes(rest + "</w:Items><w:EndOfSequence/></n:EnumerateResponse></s:Body></s:Envelope>"), ct);
                restSent.TrySetResult();
            });
        });
        using var client = Client(server.Endpoint);
        using (var cts = new CancellationTokenSource(Bound))
        {
            await foreach (var _ in client.EnumerateAsync(ResourceUri, "SELECT * FROM Msvm_ComputerSystem", null, cts.Token))
            {
                restWanted.TrySetResult();
                await restSent.Task.WaitAsync(Bound);
                break; // as Select-Object -First 1 or Ctrl+C would
            }
        }
        await client.IdentifyAsync(false, null, CancellationToken.None);
        Assert.Equal(2, server.Connections);
        await server.FirstClose.Task.WaitAsync(Bound);
    }
}
