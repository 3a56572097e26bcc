using System.Globalization;
using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Domains;

/// <summary>
/// Waits until domains reach a state, report an OK heartbeat, or report an IP address, on any number of hosts at once.
/// Each round asks each host once about all its pending domains: a state wait is one listing query, a heartbeat wait
/// one GetSummaryInformation call, an address wait that call and one Msvm_GuestNetworkAdapterConfiguration query.
/// Rounds are 0.5 s, 1 s, then 2 s apart. A guest that cannot answer ends its wait at once: off or saved
/// on two polls in a row, or running past the boot allowance with no heartbeat (no integration services).
/// </summary>
public sealed class DomainWaiter
{
    private readonly IWsManTrace? _trace;
    private readonly WaitOptions _options;

    /// <summary>A waiter tracing its WS-Man calls to <paramref name="trace"/> (null: none).</summary>
    public DomainWaiter(IWsManTrace? trace, WaitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _trace = trace;
        _options = options;
    }

    private sealed class Pending(HvDomain domain)
    {
        public HvDomain Domain { get; } = domain;
        public int InactivePolls { get; set; }
        public string LastSeen { get; set; } = "not read yet";
    }

    private sealed record HostRound(List<HvDomain> Reached, List<Exception> Failed, Exception? HostError);

    /// <summary>
    /// Waits for <paramref name="condition"/> on every domain of <paramref name="targets"/>, reporting each domain as it
    /// gets there or fails, and a progress event after each round with domains still pending. Cancelling stops at once.
    /// </summary>
    public async IAsyncEnumerable<WaitEvent> WaitAsync(IReadOnlyList<(HvConnection Connection, IReadOnlyList<HvDomain> Domains)> targets,
        WaitCondition condition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(condition);
        condition.Validate();
        var clock = _options.Clock;
        var started = clock.GetTimestamp();
        var hosts = targets
            .Where(t => t.Domains.Count > 0)
            .Select(t => (t.Connection, Pending: t.Domains.DistinctBy(d => d.Uuid).ToDictionary(d => d.Uuid, d => new Pending(d))))
            .ToList();
        var total = hosts.Sum(h => h.Pending.Count);
        var done = 0;
        for (var round = 0; hosts.Count > 0; round++)
        {
            var rounds = await Task.WhenAll(hosts.Select(h => PollAsync(h.Connection, h.Pending, condition, cancellationToken)))
                .ConfigureAwait(false);
            var elapsed = clock.GetElapsedTime(started);
            for (var i = 0; i < hosts.Count; i++)
            {
                var (connection, pending) = hosts[i];
                var result = rounds[i];
                foreach (var domain in result.Reached)
                {
                    done++;
                    yield return new WaitEvent(WaitEventKind.Reached, domain, null, connection.ComputerName, done, total, elapsed);
                }
                foreach (var failure in result.Failed)
                {
                    done++;
                    var wait = (HvWaitException)failure;
                    yield return new WaitEvent(WaitEventKind.Failed, pending.GetValueOrDefault(wait.DomainUuid)?.Domain, failure, connection.ComputerName,
                        done, total, elapsed);
                    pending.Remove(wait.DomainUuid);
                }
                if (result.HostError is not null)
                {
                    done += pending.Count;
                    pending.Clear();
                    yield return new WaitEvent(WaitEventKind.HostFailed, null, result.HostError, connection.ComputerName, done, total, elapsed);
                }
            }
            hosts.RemoveAll(h => h.Pending.Count == 0);
            if (hosts.Count == 0)
            {
                yield break;
            }
            var status = string.Join("; ", hosts.SelectMany(h => h.Pending.Values).Take(3).Select(p => $"{p.Domain.Name}: {p.LastSeen}"));
            yield return new WaitEvent(WaitEventKind.Progress, null, null, string.Empty, done, total, elapsed, status);
            if (elapsed >= _options.Timeout)
            {
                foreach (var (connection, pending) in hosts)
                {
                    foreach (var p in pending.Values)
                    {
                        done++;
                        yield return new WaitEvent(WaitEventKind.Failed, p.Domain, TimedOut(p, condition, connection.ComputerName), connection.ComputerName,
                            done, total, elapsed);
                    }
                }
                yield break;
            }
            var delay = WaitOptions.PollDelay(round);
            var remaining = _options.Timeout - elapsed;
            await Task.Delay(delay < remaining ? delay : remaining, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HostRound> PollAsync(HvConnection connection, Dictionary<Guid, Pending> pending, WaitCondition condition,
        CancellationToken cancellationToken)
    {
        var reached = new List<HvDomain>();
        var failed = new List<Exception>();
        try
        {
            if (condition.State is { } state)
            {
                await PollStatesAsync(connection, pending, state, reached, failed, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await PollGuestsAsync(connection, pending, condition, reached, failed, cancellationToken).ConfigureAwait(false);
            }
            foreach (var domain in reached)
            {
                pending.Remove(domain.Uuid);
            }
            if (_options.ReadReached && reached.Count > 0)
            {
                reached = await ReadAgainAsync(connection, reached, cancellationToken).ConfigureAwait(false);
            }
            return new HostRound(reached, failed, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HostRound(reached, failed, ex);
        }
    }

    private async Task PollStatesAsync(HvConnection connection, Dictionary<Guid, Pending> pending, HvDomainState state, List<HvDomain> reached,
        List<Exception> failed, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        await foreach (var domain in new DomainService(connection, _trace).GetDomainsAsync(new DomainFilter { Uuids = pending.Keys.ToArray() }, false, cancellationToken)
                           .ConfigureAwait(false))
        {
            if (!pending.TryGetValue(domain.Uuid, out var p) || !seen.Add(domain.Uuid))
            {
                continue;
            }
            if (domain.GetState() == state && !domain.InTransition)
            {
                reached.Add(domain);
            }
            else
            {
                p.LastSeen = domain.InTransition ? domain.HyperVState + " (in transition)" : domain.State.ToString();
            }
        }
        failed.AddRange(pending.Values.Where(p => !seen.Contains(p.Domain.Uuid)).Select(p => Deleted(p, connection.ComputerName)));
    }

    private async Task PollGuestsAsync(HvConnection connection, Dictionary<Guid, Pending> pending, WaitCondition condition, List<HvDomain> reached,
        List<Exception> failed, CancellationToken cancellationToken)
    {
        var uuids = pending.Keys.ToArray();
        var summaries = await new DomainSummaryReader(connection, _trace).ReadAsync(uuids, cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<Guid, List<(string Adapter, IReadOnlyList<GuestAddress> Addresses)>>? addresses = null;
        if (condition.IPAddress)
        {
            addresses = await new DomainAddressReader(connection, _trace).ConfigurationsAsync(uuids, cancellationToken).ConfigureAwait(false);
        }
        foreach (var p in pending.Values)
        {
            if (!summaries.TryGetValue(p.Domain.Uuid, out var summary))
            {
                failed.Add(Deleted(p, connection.ComputerName));
                continue;
            }
            var mapped = summary.EnabledState is { } es ? EnabledStateMapping.Map(es) : default;
            var heartbeat = summary.Heartbeat?.ToString() ?? "none";
            p.LastSeen = $"{(summary.EnabledState is { } s ? EnabledStateMapping.HyperVStateName(s) : "unknown state")}, heartbeat {heartbeat}";
            if (!mapped.IsActive && !mapped.InTransition)
            {
                if (++p.InactivePolls >= 2)
                {
                    failed.Add(NotRunning(p, condition, connection.ComputerName));
                }
                continue;
            }
            p.InactivePolls = 0;
            var met = condition.Heartbeat
                ? summary.Heartbeat is { } h && h.IsOk()
                : addresses!.TryGetValue(p.Domain.Uuid, out var adapters) && adapters.Any(a => a.Addresses.Any(condition.Accepts));
            if (met)
            {
                reached.Add(p.Domain);
                continue;
            }
            var silent = summary.Heartbeat is null or HeartbeatStatus.NoContact;
            if (silent && summary.EnabledState == EnabledStates.Enabled && summary.Uptime >= _options.GuestBootAllowance)
            {
                failed.Add(NoIntegrationServices(p, summary, condition, connection.ComputerName));
            }
        }
    }

    private async Task<List<HvDomain>> ReadAgainAsync(HvConnection connection, List<HvDomain> reached, CancellationToken cancellationToken)
    {
        var fresh = new Dictionary<Guid, HvDomain>();
        await foreach (var domain in new DomainService(connection, _trace)
                           .GetSummarizedDomainsAsync(new DomainFilter { Uuids = reached.Select(d => d.Uuid).ToArray() }, false, null, cancellationToken)
                           .ConfigureAwait(false))
        {
            fresh[domain.Uuid] = domain;
        }
        return reached.Select(d => fresh.GetValueOrDefault(d.Uuid) ?? d).ToList();
    }

    private static HvWaitException Deleted(Pending p, string computerName) =>
        new(WaitFailure.Deleted, p.Domain.Name, p.Domain.Uuid,
            $"Domain '{p.Domain.Name}' ({p.Domain.Uuid:D}) no longer exists on {computerName}; the wait for it ended.",
            "Check the host's domains with Get-HvDomain.");

    private static HvWaitException NotRunning(Pending p, WaitCondition condition, string computerName) =>
        new(WaitFailure.NotRunning, p.Domain.Name, p.Domain.Uuid,
            $"Domain '{p.Domain.Name}' on {computerName} is {p.LastSeen.Split(',')[0]}: no guest runs to report {condition.Describe()}.",
            $"Start it first (Start-HvDomain '{p.Domain.Name}'), then wait; or wait for it to run with Wait-HvDomain -State Running.");

    private static HvWaitException NoIntegrationServices(Pending p, DomainSummary summary, WaitCondition condition, string computerName) =>
        new(WaitFailure.NoIntegrationServices, p.Domain.Name, p.Domain.Uuid,
            string.Create(CultureInfo.InvariantCulture,
                $"Domain '{p.Domain.Name}' on {computerName} has run for {DomainSummary.FormatUptime(summary.Uptime)} and its guest has never answered (heartbeat {summary.Heartbeat?.ToString() ?? "none"}): it has no integration services, or they are off, so it will never report {condition.Describe()}."),
            "Install or enable the guest's Hyper-V integration services (hv_utils and hv_kvp_daemon on Linux), or wait with -State instead.");

    private HvWaitException TimedOut(Pending p, WaitCondition condition, string computerName) =>
        new(WaitFailure.TimedOut, p.Domain.Name, p.Domain.Uuid,
            string.Create(CultureInfo.InvariantCulture,
                $"Domain '{p.Domain.Name}' on {computerName} did not reach {condition.Describe()} within {_options.Timeout.TotalSeconds:0} s; last seen: {p.LastSeen}."),
            "Wait longer with -TimeoutSec, or look at the domain with Get-HvDomain -Summary.");
}
