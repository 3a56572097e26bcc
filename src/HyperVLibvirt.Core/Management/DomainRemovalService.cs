using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// Removes a domain from its host as libvirt's hypervDomainUndefineFlags (src/hyperv/hyperv_driver.c) does:
/// Msvm_VirtualSystemManagementService.DestroySystem with the reference <c>AffectedSystem</c> to its Msvm_ComputerSystem.
/// An active domain is refused, sending nothing, unless asked to turn it off first (RequestStateChange 3, waited for).
/// </summary>
public sealed class DomainRemovalService
{
    private const string ComputerSystemClass = "Msvm_ComputerSystem";

    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;
    private readonly DomainService _domains;
    private readonly ServiceMethod _methods;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public DomainRemovalService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
        _domains = new DomainService(session, trace);
        _methods = SettingsRefusal.Methods(session, trace);
    }

    /// <summary>Removes the domain; with <paramref name="turnOffFirst"/>, an active one is turned off first.</summary>
    /// <exception cref="HvSettingsException">Active without <paramref name="turnOffFirst"/>, gone already, or refused by the host's return code.</exception>
    /// <exception cref="HvLifecycleException">Turning it off was refused.</exception>
    /// <exception cref="HvJobException">A job failed or outlasted <see cref="SettingsOptions.Timeout"/>.</exception>
    public async Task RemoveAsync(HvDomain domain, bool turnOffFirst, SettingsOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (domain.ConnectionId != _session.Id)
        {
            throw new ArgumentException($"Domain '{domain.Name}' was read through another connection than {_session.Uri}.", nameof(domain));
        }
        _session.ThrowIfClosed();
        options ??= new SettingsOptions();

        var current = await _domains.GetDomainAsync(domain.Uuid, detailed: false, cancellationToken).ConfigureAwait(false)
            ?? throw new HvSettingsException(SettingsFailure.DomainNotFound, domain.Name, domain.Uuid,
                $"Cannot remove domain '{domain.Name}' on {_session.ComputerName}: No domain with UUID {domain.GetRecord().UuidString}.");
        if (current.IsActive || current.InTransition)
        {
            if (!turnOffFirst)
            {
                throw new HvSettingsException(SettingsFailure.DomainActive, current.Name, current.Uuid,
                    $"Cannot remove domain '{current.Name}' on {_session.ComputerName}: Domain is active or is in state transition (it is {current.HyperVState}). Nothing was changed.",
                    recommendedAction: "Turn it off first (Stop-HvDomain -TurnOff), or add -Force to turn it off and remove it.");
            }
            var stopped = await new DomainLifecycle(_session, _trace).ChangeStateAsync(current, DomainOperation.TurnOff,
                new StateChangeOptions { Timeout = options.Timeout, OnJobStatus = options.OnJobStatus }, cancellationToken).ConfigureAwait(false);
            current = stopped.Domain;
        }

        var system = new EndpointReference(WmiNamespace.ClassUri(_session.Namespace, ComputerSystemClass),
            [new("CreationClassName", ComputerSystemClass), new("Name", current.GetRecord().UuidString)]);
        var context = new JobContext(DomainOperation.Undefine, "DestroySystem", current.Name, current.Uuid, _session.ComputerName);
        await _methods.InvokeAsync("DestroySystem", [new("AffectedSystem", system)], context,
            new StateChangeOptions { Timeout = options.Timeout, OnJobStatus = options.OnJobStatus }, cancellationToken).ConfigureAwait(false);
    }
}
