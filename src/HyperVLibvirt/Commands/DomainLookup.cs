using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// Finds the domains a filter selects on one host, for cmdlets that act on domains named by -Name, -Uuid or
/// -Id: what matched, what the host listed but could not be read, and the failure if the listing failed (so one
/// host's failure never hides another's domains).
/// </summary>
internal static class DomainLookup
{
    public static async Task<(HvConnection Connection, List<HvDomain> Matches, List<DomainReadProblem> Problems, Exception? Error)> FindAsync(
        HvConnection connection, DomainFilter filter, IWsManTrace trace, CancellationToken cancellationToken)
    {
        var matches = new List<HvDomain>();
        var problems = new List<DomainReadProblem>();
        try
        {
            await foreach (var domain in new DomainService(connection, trace).GetDomainsAsync(filter, detailed: false, problems.Add, cancellationToken)
                               .ConfigureAwait(false))
            {
                matches.Add(domain);
            }
            return (connection, matches, problems, null);
        }
        catch (Exception ex) when (ErrorRecords.IsReportable(ex))
        {
            return (connection, matches, problems, ex);
        }
    }
}
