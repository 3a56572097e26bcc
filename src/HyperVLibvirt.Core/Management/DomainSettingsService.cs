using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// Changes a domain's memory, maximum memory, virtual processors and autostart as libvirt's hypervDomainSetMemoryFlags,
/// hypervDomainSetMaxMemory, hypervDomainSetVcpusFlags and hypervDomainSetAutostart (src/hyperv/hyperv_driver.c) do:
/// Msvm_MemorySettingData / Msvm_ProcessorSettingData through ModifyResourceSettings (one call for both, so Hyper-V
/// applies all or none), AutomaticStartupAction through ModifySystemSettings. Unlike libvirt it reads the domain first
/// and refuses, sending nothing, what Hyper-V would refuse for the domain's state, and sends only values that change.
/// </summary>
public sealed class DomainSettingsService
{
    /// <summary>Hyper-V's smallest startup memory (Msvm_MemorySettingData), in MiB.</summary>
    public const ulong MinimumMemoryMiB = 32;

    private readonly HvConnection _session;
    private readonly DomainService _domains;
    private readonly ServiceMethod _methods;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public DomainSettingsService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _domains = new DomainService(session, trace);
        _methods = SettingsRefusal.Methods(session, trace);
    }

    /// <summary>Applies <paramref name="change"/> and returns the domain read back (detailed).</summary>
    /// <exception cref="HvSettingsException">Refused before sending (state, range), by the host's return code, or the domain is gone.</exception>
    /// <exception cref="HvJobException">A job failed or outlasted <see cref="SettingsOptions.Timeout"/>.</exception>
    public async Task<HvDomain> SetAsync(HvDomain domain, DomainSettingsChange change, SettingsOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(change);
        if (domain.ConnectionId != _session.Id)
        {
            throw new ArgumentException($"Domain '{domain.Name}' was read through another connection than {_session.Uri}.", nameof(domain));
        }
        _session.ThrowIfClosed();
        options ??= new SettingsOptions();

        var current = await ReadAsync(domain, cancellationToken).ConfigureAwait(false);
        var plan = Plan(current, change);
        var context = new JobContext(DomainOperation.Configure, "ModifyResourceSettings", current.Name, current.Uuid, _session.ComputerName);
        var wait = new StateChangeOptions { Timeout = options.Timeout, OnJobStatus = options.OnJobStatus };
        if (plan.Resources.Count > 0)
        {
            await _methods.InvokeAsync("ModifyResourceSettings", Embedded("ResourceSettings", plan.Resources), context, wait, cancellationToken)
                .ConfigureAwait(false);
        }
        if (plan.System is { } system)
        {
            await _methods.InvokeAsync("ModifySystemSettings", Embedded("SystemSettings", [system]), context with { MethodName = "ModifySystemSettings" },
                wait, cancellationToken).ConfigureAwait(false);
        }

        return await ReadAsync(current, cancellationToken).ConfigureAwait(false);
    }

    // One parameter of embedded instances: a single instance is sent as itself, several as an array (as libvirt sends them).
    private static KeyValuePair<string, object?>[] Embedded(string parameter, IReadOnlyList<EmbeddedInstance> instances) =>
        [new(parameter, instances.Count == 1 ? instances[0] : instances)];

    private async Task<HvDomain> ReadAsync(HvDomain domain, CancellationToken cancellationToken) =>
        await _domains.GetDomainAsync(domain.Uuid, detailed: true, cancellationToken).ConfigureAwait(false)
        ?? throw new HvSettingsException(SettingsFailure.DomainNotFound, domain.Name, domain.Uuid,
            $"Cannot configure domain '{domain.Name}' on {_session.ComputerName}: No domain with UUID {domain.GetRecord().UuidString}.");

    /// <summary>The embedded instances to send for <paramref name="change"/>, or the refusal Hyper-V would give.</summary>
    internal static (IReadOnlyList<EmbeddedInstance> Resources, EmbeddedInstance? System) Plan(HvDomain current, DomainSettingsChange change)
    {
        var detail = current.GetDetail();
        var resources = new List<EmbeddedInstance>(2);
        var what = $"Cannot configure domain '{current.Name}' on {current.ComputerName}";

        if (change.MemoryBytes is not null || change.MaxMemoryBytes is not null)
        {
            var memory = detail?.MemorySettings ?? throw MissingSettings(current, "Msvm_MemorySettingData");
            var startup = memory.GetUInt64("VirtualQuantity") ?? 0;
            var limit = memory.GetUInt64("Limit") ?? startup;
            var newStartup = change.MemoryBytes is { } m ? RoundChecked(current, m, "memory") : startup;
            var newLimit = change.MaxMemoryBytes is { } x ? RoundChecked(current, x, "maximum memory") : limit;
            if (newStartup > newLimit)
            {
                throw new HvSettingsException(SettingsFailure.ValueOutOfRange, current.Name, current.Uuid,
                    string.Create(CultureInfo.InvariantCulture, $"{what}: the memory ({newStartup} MiB) would be above the maximum memory ({newLimit} MiB). Nothing was changed."),
                    recommendedAction: "Raise -MaxMemory in the same command, or ask for less memory.");
            }
            if (newStartup != startup || newLimit != limit)
            {
                if (current.IsActive && memory.GetBoolean("DynamicMemoryEnabled") != true)
                {
                    throw new HvSettingsException(SettingsFailure.MemoryFixedWhileActive, current.Name, current.Uuid,
                        $"{what}: it is {current.HyperVState} without dynamic memory, and Hyper-V resizes such a domain's memory only while it is off. Nothing was changed.",
                        recommendedAction: "Stop the domain with Stop-HvDomain, then change its memory.");
                }
                var instance = new EmbeddedInstance("Msvm_MemorySettingData").Add("InstanceID", memory.GetString("InstanceID") ?? string.Empty);
                if (newStartup != startup)
                {
                    instance.Add("VirtualQuantity", newStartup);
                }
                if (newLimit != limit)
                {
                    instance.Add("Limit", newLimit);
                }
                resources.Add(instance);
            }
        }

        if (change.VcpuCount is { } vcpus)
        {
            if (vcpus < 1)
            {
                throw new HvSettingsException(SettingsFailure.ValueOutOfRange, current.Name, current.Uuid,
                    string.Create(CultureInfo.InvariantCulture, $"{what}: {vcpus} virtual processors is not a count Hyper-V accepts (at least 1). Nothing was changed."));
            }
            var processor = detail?.ProcessorSettings ?? throw MissingSettings(current, "Msvm_ProcessorSettingData");
            if ((ulong)vcpus != processor.GetUInt64("VirtualQuantity"))
            {
                if (current.EnabledState != EnabledStates.Disabled)
                {
                    throw new HvSettingsException(SettingsFailure.VcpusNeedDomainOff, current.Name, current.Uuid,
                        $"{what}: it is {current.HyperVState}, and Hyper-V changes the number of virtual processors only while a domain is off. Nothing was changed.",
                        recommendedAction: "Stop the domain with Stop-HvDomain (a saved domain: Remove-HvDomainManagedSave or start and stop it), then set -VcpuCount.");
                }
                resources.Add(new EmbeddedInstance("Msvm_ProcessorSettingData")
                    .Add("InstanceID", processor.GetString("InstanceID") ?? string.Empty)
                    .Add("VirtualQuantity", (ulong)vcpus));
            }
        }

        EmbeddedInstance? system = null;
        if (change.Autostart is { } autostart && autostart != detail?.Autostart)
        {
            var id = detail?.SystemSettingsInstanceId ?? throw MissingSettings(current, "Msvm_VirtualSystemSettingData");
            system = new EmbeddedInstance("Msvm_VirtualSystemSettingData")
                .Add("InstanceID", id)
                .Add("AutomaticStartupAction", autostart ? AutomaticStartupActions.AlwaysStart : AutomaticStartupActions.None);
        }

        return (resources, system);
    }

    private static ulong RoundChecked(HvDomain domain, ulong bytes, string what)
    {
        var mib = bytes == 0 ? 0 : MemoryRounding.ToHyperVMiB(bytes);
        if (mib < MinimumMemoryMiB)
        {
            throw new HvSettingsException(SettingsFailure.ValueOutOfRange, domain.Name, domain.Uuid,
                string.Create(CultureInfo.InvariantCulture,
                    $"Cannot configure domain '{domain.Name}' on {domain.ComputerName}: {bytes} bytes of {what} is below Hyper-V's minimum of {MinimumMemoryMiB} MiB. Nothing was changed."),
                recommendedAction: "Give the size with a unit, for example 2GB or 512MB.");
        }
        return mib;
    }

    private static HvSettingsException MissingSettings(HvDomain domain, string className) =>
        new(SettingsFailure.SettingsNotFound, domain.Name, domain.Uuid,
            $"Cannot configure domain '{domain.Name}' on {domain.ComputerName}: its {className} could not be read. Nothing was changed.");
}
