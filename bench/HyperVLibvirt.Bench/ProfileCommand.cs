using System.Diagnostics;
using System.Net;
using HyperVLibvirt.Core.Connection;

namespace HyperVLibvirt.Bench;

/// <summary>
/// 'profile': lists one host's domains through Core many times, for dotnet-trace or dotnet-counters
/// to watch (the client alone, without PowerShell). The simulator runs in its own process.
/// </summary>
public static class ProfileCommand
{
    /// <summary>Fetches one listing's pages once, then parses them from memory <paramref name="runs"/> times.</summary>
    public static int ParseOnly(Uri endpoint, string password, int runs)
    {
        using var floor = new FloorClient(endpoint, "admin", password,
            HyperVLibvirt.Core.WsMan.WsManResourceUris.RootVirtualizationV2All, CoreListing.AllDomainsWql) { Captured = new List<byte[]>() };
        floor.Run();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var count = 0;
            var gcs = GC.CollectionCount(0);
            var pause = GC.GetTotalPauseDuration();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            foreach (var page in floor.Captured!)
            {
                using var reader = HyperVLibvirt.Core.WsMan.ResponseReader.Open(new MemoryStream(page), out _);
                while (reader.ReadNextItem() is { } item)
                {
                    _ = HyperVLibvirt.Core.HyperV.DomainRecord.FromComputerSystem(item);
                    count++;
                }
            }
            var recordsAllocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            var raw = Stopwatch.StartNew();
            foreach (var page in floor.Captured!)
            {
                using var xml = System.Xml.XmlReader.Create(new MemoryStream(page), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, CheckCharacters = false });
                while (xml.Read())
                {
                }
            }
            var instancesAllocated = GC.GetAllocatedBytesForCurrentThread();
            var instancesOnly = Stopwatch.StartNew();
            foreach (var page in floor.Captured!)
            {
                using var reader = HyperVLibvirt.Core.WsMan.ResponseReader.Open(new MemoryStream(page), out _);
                while (reader.ReadNextItem() is { })
                {
                }
            }
            instancesAllocated = GC.GetAllocatedBytesForCurrentThread() - instancesAllocated;
            Console.WriteLine($"  instances without records: {instancesOnly.Elapsed.TotalMilliseconds:F1} ms, {instancesAllocated / 1024} KB allocated");
            Console.WriteLine($"  instances and records: {recordsAllocated * 1000 / Math.Max(count, 1) / 1024} KB allocated per 1,000 instances");
            Console.WriteLine($"  bare XmlReader.Read over the same bytes: {raw.Elapsed.TotalMilliseconds:F1} ms");
            Console.WriteLine($"parse {i + 1}: {count} instances from {floor.Bytes} bytes in {watch.Elapsed.TotalMilliseconds:F1} ms; " +
                $"{GC.CollectionCount(0) - gcs} GCs pausing {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F1} ms, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024} KB allocated");
        }
        return 0;
    }

    /// <summary>Connects to <paramref name="uri"/> and lists its domains <paramref name="runs"/> times.</summary>
    public static async Task<int> RunAsync(string uri, string password, int runs)
    {
        var libvirtUri = LibvirtUri.Parse(uri);
        using var connection = await HvConnection.OpenAsync(libvirtUri, new NetworkCredential(libvirtUri.UserName ?? "admin", password),
            new HvConnectionSettings(), CancellationToken.None).ConfigureAwait(false);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var pages = new System.Collections.Concurrent.ConcurrentQueue<string>();
            int count;
            using (HvConnection.ListenForTrace(e => pages.Enqueue($"{e.Action}:{e.ItemCount}:{e.Elapsed?.TotalMilliseconds:F1}"), includeEnvelopes: false))
            {
                count = CoreListing.CountDomains(connection);
            }
            Console.WriteLine("  pages " + string.Join(" ", pages));
            Console.WriteLine($"run {i + 1}: {count} domains in {watch.Elapsed.TotalMilliseconds:F1} ms");
        }
        return 0;
    }
}
