using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Domains;

/// <summary>
/// Reads Get-VM's columns for many domains of one host with <c>Msvm_VirtualSystemManagementService.GetSummaryInformation</c>:
/// one Invoke per <see cref="SummaryRequest.MaxDomainsPerCall"/> domains, whatever their number, instead of
/// queries per VM. Calls only downward (session, WS-Man).
/// </summary>
public sealed class DomainSummaryReader
{
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A reader for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public DomainSummaryReader(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>
    /// The summaries of <paramref name="domains"/> by UUID, read in calls of at most
    /// <see cref="SummaryRequest.MaxDomainsPerCall"/>. A domain the host left out of its answer is absent.
    /// </summary>
    /// <exception cref="HvHostException">The host refused a call (a return value other than 0) or answered without a ReturnValue.</exception>
    public async Task<IReadOnlyDictionary<Guid, DomainSummary>> ReadAsync(IReadOnlyCollection<Guid> domains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var summaries = new Dictionary<Guid, DomainSummary>(domains.Count);
        foreach (var chunk in domains.Distinct().Chunk(SummaryRequest.MaxDomainsPerCall))
        {
            foreach (var summary in await ReadChunkAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                summaries[summary.Uuid] = summary;
            }
        }
        return summaries;
    }

    private async Task<IReadOnlyList<DomainSummary>> ReadChunkAsync(IReadOnlyCollection<Guid> domains, CancellationToken cancellationToken)
    {
        var output = await _session.Client.InvokeAsync(WmiNamespace.ClassUri(_session.Namespace, SummaryRequest.ServiceClass), SummaryRequest.MethodName,
            SummaryRequest.ServiceSelectors, SummaryRequest.Parameters(_session.Namespace, _session.OsVersion, domains), _trace, cancellationToken).ConfigureAwait(false);
        return Read(output, _session.ComputerName, domains.Count);
    }

    /// <summary>Reads a GetSummaryInformation_OUTPUT: its ReturnValue, then each embedded Msvm_SummaryInformation.</summary>
    /// <exception cref="HvHostException">A return value other than 0, or none.</exception>
    public static IReadOnlyList<DomainSummary> Read(CimObject output, string computerName, int asked)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.GetUInt64("ReturnValue") is not { } code)
        {
            throw new HvHostException($"Could not read Get-VM's columns on {computerName}: the {SummaryRequest.MethodName} answer has no ReturnValue.");
        }
        if (code != ReturnCodes.Completed)
        {
            var value = code > uint.MaxValue ? uint.MaxValue : (uint)code;
            throw new HvHostException(string.Create(CultureInfo.InvariantCulture,
                $"Could not read Get-VM's columns for {asked} domain(s) on {computerName}: {SummaryRequest.MethodName} returned {value} ({ReturnCodes.ToText(value)}). A domain may have been deleted meanwhile; run the command again."));
        }
        var summaries = new List<DomainSummary>();
        foreach (var item in output.GetArray("SummaryInformation"))
        {
            if (item.AsObject() is { } instance && DomainSummary.FromInstance(instance) is { } summary)
            {
                summaries.Add(summary);
            }
        }
        return summaries;
    }
}
