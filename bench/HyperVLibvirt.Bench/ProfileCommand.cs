using System.Diagnostics;
using System.Net;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Uris;

namespace HyperVLibvirt.Bench;

/// <summary>
/// 'profile': lists one host's domains through Core many times, for dotnet-trace or dotnet-counters
/// to watch (the client alone, without PowerShell). The simulator runs in its own process.
/// </summary>
public static class ProfileCommand
{
    /// <summary>
    /// Fetches one listing's pages once, then parses them from memory <paramref name="runs"/> times, three ways, each
    /// timed on its own: a bare <see cref="System.Xml.XmlReader"/> pass, Core's reader into instances, and instances
    /// plus domain records (what a listing does before the pipeline).
    /// </summary>
    public static int ParseOnly(Uri endpoint, string password, int runs)
    {
        using var floor = new FloorClient(endpoint, "admin", password,
            HyperVLibvirt.Core.HyperV.WmiNamespace.AllClassesUri(HyperVLibvirt.Core.HyperV.WmiNamespace.V2), CoreListing.AllDomainsWql) { Captured = new List<byte[]>() };
        floor.Run();
        var pages = floor.Captured!;
        for (var i = 0; i < runs; i++)
        {
            var gcs = GC.CollectionCount(0);
            var (bare, _, _) = Timed(() =>
            {
                foreach (var page in pages)
                {
                    using var xml = System.Xml.XmlReader.Create(new MemoryStream(page),
                        new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, CheckCharacters = false });
                    while (xml.Read())
                    {
                    }
                }
                return 0;
            });
            var (instances, count, instancesBytes) = Timed(() => ReadPages(pages, records: false));
            var (records, _, recordsBytes) = Timed(() => ReadPages(pages, records: true));
            Console.WriteLine($"parse {i + 1}: {count} instances from {floor.Bytes} bytes: bare XmlReader {bare:F1} ms, " +
                $"instances {instances:F1} ms ({instancesBytes * 1000 / Math.Max(count, 1) / 1024} KB per 1,000), " +
                $"instances and records {records:F1} ms ({recordsBytes * 1000 / Math.Max(count, 1) / 1024} KB per 1,000); {GC.CollectionCount(0) - gcs} GCs");
        }
        return 0;
    }

    private static int ReadPages(List<byte[]> pages, bool records)
    {
        var count = 0;
        foreach (var page in pages)
        {
            using var reader = HyperVLibvirt.Core.WsMan.ResponseReader.Open(new MemoryStream(page), out _);
            while (reader.ReadNextItem() is { } item)
            {
                if (records)
                {
                    _ = HyperVLibvirt.Core.HyperV.DomainRecord.FromComputerSystem(item);
                }
                count++;
            }
        }
        return count;
    }

    private static (double Ms, int Count, long Allocated) Timed(Func<int> work)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var count = work();
        return (watch.Elapsed.TotalMilliseconds, count, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    /// <summary>
    /// Splits one host's listing time by layer: the floor (bytes drained), Core's WS-Man client with and without
    /// the Pull sent ahead, and the connection's domain listing; wall time and this process's CPU time per listing,
    /// medians over the second half of <paramref name="runs"/> (the first half warms up).
    /// </summary>
    public static int WireBreakdown(Uri endpoint, string password, int runs)
    {
        var credential = new NetworkCredential("admin", password);
        using var floor = new FloorClient(endpoint, "admin", password,
            HyperVLibvirt.Core.HyperV.WmiNamespace.AllClassesUri(HyperVLibvirt.Core.HyperV.WmiNamespace.V2), CoreListing.AllDomainsWql);
        using var ahead = new HyperVLibvirt.Core.WsMan.WsManClient(endpoint, credential);
        using var plain = new HyperVLibvirt.Core.WsMan.WsManClient(endpoint, credential, new HyperVLibvirt.Core.WsMan.WsManSettings { PullAhead = false });
        var uri = LibvirtUri.Parse($"hyperv://admin@{endpoint.Host}:{endpoint.Port}/?transport=http");
        using var connection = HvConnection.OpenAsync(uri, credential, new HyperVLibvirt.Core.WsMan.WsManSettings(), null, CancellationToken.None).GetAwaiter().GetResult();
        var kinds = new (string Name, Func<int> Run)[]
        {
            ("floor", () => { floor.Run(); return 0; }),
            ("client", () => Count(ahead)),
            ("client without pull ahead", () => Count(plain)),
            ("connection (domain records)", () => CoreListing.CountDomains(connection)),
        };
        var wall = kinds.Select(_ => new List<double>()).ToArray();
        var cpu = kinds.Select(_ => new List<double>()).ToArray();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            for (var k = 0; k < kinds.Length; k++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                kinds[k].Run();
                var elapsed = watch.Elapsed.TotalMilliseconds;
                process.Refresh();
                if (i >= runs / 2)
                {
                    wall[k].Add(elapsed);
                    cpu[k].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
            }
        }
        for (var k = 0; k < kinds.Length; k++)
        {
            Console.WriteLine($"{kinds[k].Name}: {Median(wall[k]):F1} ms wall, {Median(cpu[k]):F1} ms CPU (median of {wall[k].Count})");
        }
        return 0;

        static int Count(HyperVLibvirt.Core.WsMan.WsManClient client)
        {
            var n = 0;
            var listing = client.EnumerateAsync(HyperVLibvirt.Core.HyperV.WmiNamespace.AllClassesUri(HyperVLibvirt.Core.HyperV.WmiNamespace.V2), CoreListing.AllDomainsWql, null, CancellationToken.None);
            Task.Run(async () =>
            {
                await foreach (var _ in listing.ConfigureAwait(false))
                {
                    n++;
                }
            }).GetAwaiter().GetResult();
            return n;
        }

        static double Median(List<double> values)
        {
            values.Sort();
            return values.Count == 0 ? double.NaN : values[values.Count / 2];
        }
    }

    /// <summary>Connects to <paramref name="uri"/> and lists its domains <paramref name="runs"/> times.</summary>
    public static async Task<int> RunAsync(string uri, string password, int runs)
    {
        var libvirtUri = LibvirtUri.Parse(uri);
        using var connection = await HvConnection.OpenAsync(libvirtUri, new NetworkCredential(libvirtUri.UserName ?? "admin", password),
            new HyperVLibvirt.Core.WsMan.WsManSettings(), null, CancellationToken.None).ConfigureAwait(false);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var pages = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var count = CoreListing.CountDomains(connection, new PageTrace(pages));
            Console.WriteLine("  pages " + string.Join(" ", pages));
            Console.WriteLine($"run {i + 1}: {count} domains in {watch.Elapsed.TotalMilliseconds:F1} ms");
        }
        return 0;
    }

    /// <summary>One line per WS-Man operation: action, items, milliseconds.</summary>
    private sealed class PageTrace(System.Collections.Concurrent.ConcurrentQueue<string> pages) : HyperVLibvirt.Core.WsMan.IWsManTrace
    {
        public bool WantsEnvelopes => false;

        public void Write(HyperVLibvirt.Core.WsMan.WsManTraceEvent traceEvent) =>
            pages.Enqueue($"{traceEvent.Action}:{traceEvent.ItemCount}:{traceEvent.Elapsed?.TotalMilliseconds:F1}");
    }
}
