using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Bench;

/// <summary>
/// Lists domains through Core alone (no PowerShell pipeline), to split B1's time between parsing
/// and the cmdlet layer.
/// </summary>
public static class CoreListing
{
    /// <summary>The WQL Get-HvDomain sends when given no filter (taken from the same code, so the floor asks for the same bytes).</summary>
    public static string AllDomainsWql => DomainService.ListingWql(new DomainFilter(), detailed: false);

    /// <summary>Lists every domain of <paramref name="connection"/> and returns how many there were.</summary>
    public static int CountDomains(HvConnection connection, IWsManTrace? trace = null) => CountDomainsAsync(connection, trace).GetAwaiter().GetResult();

    private static async Task<int> CountDomainsAsync(HvConnection connection, IWsManTrace? trace)
    {
        var count = 0;
        await foreach (var _ in new DomainService(connection, trace).GetDomainsAsync(new DomainFilter(), detailed: false).ConfigureAwait(false))
        {
            count++;
        }
        return count;
    }
}
