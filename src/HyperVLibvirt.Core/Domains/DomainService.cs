using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Domains;

/// <summary>
/// Lists and reads a host's domains through one session, as libvirt's hypervConnectListAllDomains and
/// hypervDomainGetInfo (src/hyperv/hyperv_driver.c) do. Made per call site with the trace sink that hears its
/// WS-Man calls; it calls only downward (session, WS-Man).
/// </summary>
public sealed class DomainService
{
    // Up to this many domains, per-VM association queries (libvirt's, 3 per VM) are cheaper
    // than fetching every VM's settings; above it, three batched queries serve any host size.
    private const int PerDomainDetailLimit = 4;

    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public DomainService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
    }

    /// <summary>
    /// Lists the host's domains, streaming each as it arrives. The host's own
    /// Msvm_ComputerSystem never comes back: it is excluded with <c>Name != __SERVER</c> and
    /// by its Name, the host's name. Zero domains is an empty result.
    /// With <paramref name="detailed"/>, vCPUs, memory and autostart are joined in, which
    /// needs the whole list first.
    /// </summary>
    public IAsyncEnumerable<HvDomain> GetDomainsAsync(DomainFilter filter, bool detailed, CancellationToken cancellationToken = default) =>
        GetDomainsAsync(filter, detailed, problems: null, cancellationToken);

    /// <summary>
    /// As <see cref="GetDomainsAsync(DomainFilter, bool, CancellationToken)"/>, reporting each listed item that is
    /// not a VM of the class asked for, has no GUID Name, or has an unreadable EnabledState to
    /// <paramref name="problems"/> (called on the enumerating thread, before the next domain is returned).
    /// Without it, such items are still skipped or defaulted, and only the data says so.
    /// </summary>
    public IAsyncEnumerable<HvDomain> GetDomainsAsync(DomainFilter filter, bool detailed, Action<DomainReadProblem>? problems,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (detailed)
        {
            return GetDetailedDomainsAsync(filter, problems, cancellationToken);
        }
        var id = _session.Id;
        var computerName = _session.ComputerName;
        // Streamed: each instance becomes a domain as the consumer asks for it, in its own MoveNextAsync.
        return new MappedAsyncEnumerable<CimObject, HvDomain>(() => _session.QueryAsync(ListingWql(filter, false), null, _trace, cancellationToken),
            cs => TryRecord(cs, filter, problems) is { } record ? new HvDomain(record, id, computerName) : null);
    }

    private async IAsyncEnumerable<HvDomain> GetDetailedDomainsAsync(DomainFilter filter, Action<DomainReadProblem>? problems,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = new List<DomainRecord>();
        await foreach (var cs in _session.QueryAsync(ListingWql(filter, true), null, _trace, cancellationToken).ConfigureAwait(false))
        {
            if (TryRecord(cs, filter, problems) is { } record)
            {
                records.Add(record);
            }
        }
        var id = _session.Id;
        var computerName = _session.ComputerName;
        foreach (var detail in await GetDetailsAsync(records, cancellationToken).ConfigureAwait(false))
        {
            yield return new HvDomain(detail.Domain, id, computerName, detail);
        }
    }

    /// <summary>How many GetSummaryInformation calls a summarized listing keeps in flight on one host.</summary>
    internal const int SummaryCallsInFlight = 3;

    /// <summary>
    /// As <see cref="GetDomainsAsync(DomainFilter, bool, Action{DomainReadProblem}?, CancellationToken)"/>, with Get-VM's columns
    /// (CPU usage, memory assigned, uptime, heartbeat, status, version) read by GetSummaryInformation: the listing streams,
    /// each run of <see cref="SummaryRequest.MaxDomainsPerCall"/> domains costs one Invoke, sent as soon as the run is
    /// listed, with up to <see cref="SummaryCallsInFlight"/> calls out at once; domains come back in listing order.
    /// </summary>
    public async IAsyncEnumerable<HvDomain> GetSummarizedDomainsAsync(DomainFilter filter, bool detailed, Action<DomainReadProblem>? problems,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = new DomainSummaryReader(_session, _trace);
        var inFlight = new Queue<(List<HvDomain> Batch, Task<IReadOnlyDictionary<Guid, DomainSummary>> Summaries)>();
        var batch = new List<HvDomain>(SummaryRequest.MaxDomainsPerCall);
        try
        {
            await foreach (var domain in GetDomainsAsync(filter, detailed, problems, cancellationToken).ConfigureAwait(false))
            {
                batch.Add(domain);
                if (batch.Count < SummaryRequest.MaxDomainsPerCall)
                {
                    continue;
                }
                inFlight.Enqueue((batch, reader.ReadAsync(batch.Select(d => d.Uuid).ToArray(), cancellationToken)));
                batch = new List<HvDomain>(SummaryRequest.MaxDomainsPerCall);
                while (inFlight.Count >= SummaryCallsInFlight)
                {
                    var (done, summaries) = inFlight.Dequeue();
                    foreach (var summarized in Summarize(done, await summaries.ConfigureAwait(false)))
                    {
                        yield return summarized;
                    }
                }
            }
            if (batch.Count > 0)
            {
                inFlight.Enqueue((batch, reader.ReadAsync(batch.Select(d => d.Uuid).ToArray(), cancellationToken)));
            }
            while (inFlight.Count > 0)
            {
                var (done, summaries) = inFlight.Dequeue();
                foreach (var summarized in Summarize(done, await summaries.ConfigureAwait(false)))
                {
                    yield return summarized;
                }
            }
        }
        finally
        {
            // Stopped early or failed: calls still out end on their own (or with the cancellation); their failures are not news.
            foreach (var (_, summaries) in inFlight)
            {
                _ = summaries.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
    }

    private static IEnumerable<HvDomain> Summarize(List<HvDomain> domains, IReadOnlyDictionary<Guid, DomainSummary> summaries) =>
        domains.Select(d => new HvDomain(d.GetRecord(), d.ConnectionId, d.ComputerName, d.GetDetail(), summaries.GetValueOrDefault(d.Uuid)));

    /// <summary>Reads one domain afresh by UUID; null when the host no longer has it.</summary>
    public async Task<HvDomain?> GetDomainAsync(Guid uuid, bool detailed, CancellationToken cancellationToken)
    {
        await foreach (var domain in GetDomainsAsync(new DomainFilter { Uuids = [uuid] }, detailed, cancellationToken).ConfigureAwait(false))
        {
            return domain;
        }
        return null;
    }

    /// <summary>The first instance a query returns, or null.</summary>
    internal async Task<CimObject?> FirstAsync(string wql, CancellationToken cancellationToken)
    {
        await foreach (var item in _session.QueryAsync(wql, null, _trace, cancellationToken).ConfigureAwait(false))
        {
            return item;
        }
        return null;
    }

    /// <summary>The WQL a listing sends (also what the benchmarks' floor client sends).</summary>
    /// <remarks>
    /// A plain listing asks only for the properties a record reads: about a sixth of the bytes of whole
    /// instances. A detailed one keeps libvirt's <c>SELECT *</c>, so the record's ComputerSystem is then complete.
    /// </remarks>
    internal static string ListingWql(DomainFilter filter, bool detailed) =>
        filter.ToWql(detailed ? null : DomainRecord.ListedProperties);

    private DomainRecord? TryRecord(CimObject computerSystem, DomainFilter filter, Action<DomainReadProblem>? problems)
    {
        var verdict = DomainInstanceCheck.Check(computerSystem, _session.Namespace, _session.HostName, out var problem);
        if (verdict == DomainInstanceCheck.Verdict.Host)
        {
            return null;
        }
        var record = verdict == DomainInstanceCheck.Verdict.Domain ? DomainRecord.FromComputerSystem(computerSystem) : null;
        // A problem with a domain the filter drops anyway is not worth a word.
        if (problem is not null && (record is null || filter.Matches(record)))
        {
            problems?.Invoke(problem);
        }
        return record is not null && filter.Matches(record) ? record : null;
    }

    private async Task<IReadOnlyList<DomainDetail>> GetDetailsAsync(IReadOnlyList<DomainRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return Array.Empty<DomainDetail>();
        }
        if (records.Count <= PerDomainDetailLimit)
        {
            var details = new List<DomainDetail>(records.Count);
            foreach (var record in records)
            {
                var vssd = await FirstAsync(SettingsQuery.SystemSettingsOf(record.Uuid), cancellationToken).ConfigureAwait(false);
                CimObject? processor = null, memory = null;
                if (vssd?.GetString("InstanceID") is { } instanceId)
                {
                    processor = await FirstAsync(SettingsQuery.ComponentsOf(instanceId, "Msvm_ProcessorSettingData"), cancellationToken).ConfigureAwait(false);
                    memory = await FirstAsync(SettingsQuery.ComponentsOf(instanceId, "Msvm_MemorySettingData"), cancellationToken).ConfigureAwait(false);
                }
                details.Add(DomainDetail.Create(record, vssd, processor, memory));
            }
            return details;
        }

        var systems = await ListAsync(SettingsQuery.AllRealizedSystemSettings, cancellationToken).ConfigureAwait(false);
        var processors = await ListAsync(SettingsQuery.AllProcessorSettings, cancellationToken).ConfigureAwait(false);
        var memories = await ListAsync(SettingsQuery.AllMemorySettings, cancellationToken).ConfigureAwait(false);
        return DomainDetailJoin.Join(records, systems, processors, memories);
    }

    internal async Task<List<CimObject>> ListAsync(string wql, CancellationToken cancellationToken)
    {
        var items = new List<CimObject>();
        await foreach (var item in _session.QueryAsync(wql, null, _trace, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }
        return items;
    }
}
