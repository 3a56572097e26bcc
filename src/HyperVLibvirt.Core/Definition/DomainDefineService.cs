using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Devices;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Definition;

/// <summary>
/// Defines a domain as libvirt's hypervDomainDefineXML (src/hyperv/hyperv_driver.c) does, in its order: the UUID checked
/// (libvirt's "Domain already exists with UUID"), Msvm_VirtualSystemManagementService.DefineSystem with an embedded
/// Msvm_VirtualSystemSettingData (ElementName, and here also VirtualSystemSubType, Notes and VirtualSystemIdentifier),
/// then virtual processors and memory (through <see cref="DomainSettingsService"/>), then devices (through <see cref="DeviceAttachService"/>). Two things differ from
/// libvirt: the new VM is the one DefineSystem's ResultingSystem names (libvirt looks it up by name, which finds the wrong VM
/// when the name exists), and a failure or cancellation after DefineSystem removes the new VM with DestroySystem before the
/// first error is reported, saying that nothing remains, or, when that removal fails too, what remains.
/// </summary>
public sealed class DomainDefineService
{
    private const string ComputerSystemClass = "Msvm_ComputerSystem";
    private const string SystemSettingsClass = "Msvm_VirtualSystemSettingData";

    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;
    private readonly DomainService _domains;
    private readonly ServiceMethod _methods;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public DomainDefineService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
        _domains = new DomainService(session, trace);
        _methods = SettingsRefusal.Methods(session, trace);
    }

    /// <summary>Defines <paramref name="spec"/> and returns the new domain read back (detailed).</summary>
    /// <exception cref="HvDefineException">
    /// Refused before sending (<see cref="DefineFailure.DomainExists"/>, <see cref="DefineFailure.DefineNotSupported"/>,
    /// <see cref="DefineFailure.DeviceNotFound"/>: a switch or image file that is not on the host); DefineSystem
    /// or a later step failed and the new domain was removed (<see cref="DefineFailure.DefineFailed"/>, the first failure as the inner
    /// exception), or could not be removed (<see cref="DefineFailure.DefineUndoFailed"/>).
    /// </exception>
    /// <exception cref="OperationCanceledException">Cancelled; a domain made before the cancellation was removed again.</exception>
    public async Task<HvDomain> DefineAsync(NewDomainSpec spec, DefineOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _session.ThrowIfClosed();
        options ??= new DefineOptions();
        var what = $"Could not define domain '{spec.Name}' on {_session.ComputerName}";
        CheckHost(spec, what);

        if (spec.Uuid is { } wanted && await _domains.GetDomainAsync(wanted, detailed: false, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw new HvDefineException(DefineFailure.DomainExists, spec.Name, wanted,
                $"{what}: Domain already exists with UUID '{existing.GetRecord().UuidString.ToLowerInvariant()}' (named '{existing.Name}'). Nothing was changed.",
                recommendedAction: "Leave <uuid> out to let Hyper-V assign one, or remove the existing domain first (Remove-HvDomain).");
        }

        await new DefinePreflight(_session, _trace).CheckAsync(spec, what, cancellationToken).ConfigureAwait(false);

        var settingsOptions = new SettingsOptions { Timeout = options.Timeout, OnJobStatus = options.OnJobStatus };
        string? createdDisk = null;
        if (spec.NewDisk is { } disk)
        {
            // New-VM creates the disk first, as here: a disk that cannot be made costs no VM.
            options.OnStep?.Invoke("Creating virtual hard disk");
            try
            {
                await new VirtualHardDiskService(_session, _trace)
                    .CreateAsync(disk.Path, disk.SizeBytes, null, VirtualHardDiskType.Dynamic, settingsOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (HvHostException ex)
            {
                throw new HvDefineException(DefineFailure.DefineFailed, spec.Name, spec.Uuid, $"{what}: {ex.Message} Nothing was created.", ex);
            }
            createdDisk = disk.Path;
        }

        Guid? uuid = null;
        try
        {
            options.OnStep?.Invoke("DefineSystem");
            var wait = new StateChangeOptions { Timeout = options.Timeout, OnJobStatus = options.OnJobStatus };
            var context = new JobContext(DomainOperation.Define, "DefineSystem", spec.Name, spec.Uuid ?? Guid.Empty, _session.ComputerName);
            // A refused DefineSystem makes nothing, nor does a failed job (Microsoft's DefineSystem); only the disk is undone then.
            var (output, _) = await _methods.InvokeAsync("DefineSystem", [new("SystemSettings", SystemSettings(spec))], context, wait, cancellationToken)
                .ConfigureAwait(false);
            uuid = NewSystem(output);
            if (uuid is null)
            {
                throw new HvDefineException(DefineFailure.DefineUndoFailed, spec.Name, spec.Uuid,
                    $"{what}: DefineSystem succeeded but its answer named no ResultingSystem, so the new domain cannot be told from others of its name and was not configured. A domain named '{spec.Name}' may remain{(createdDisk is null ? "" : $", and the disk '{createdDisk}'")}.",
                    recommendedAction: $"Look for it with Get-HvDomain -Name '{spec.Name}' and remove the one you do not want with Remove-HvDomain -Uuid.");
            }

            var domain = await ReadAsync(uuid.Value, spec.Name, cancellationToken).ConfigureAwait(false);
            var change = new DomainSettingsChange { MemoryBytes = spec.MemoryBytes, MaxMemoryBytes = spec.MaxMemoryBytes, VcpuCount = spec.VcpuCount };
            if (!change.IsEmpty)
            {
                options.OnStep?.Invoke("Setting memory and virtual processors");
                domain = await new DomainSettingsService(_session, _trace).SetAsync(domain, Ordered(change, domain), settingsOptions, cancellationToken)
                    .ConfigureAwait(false);
            }
            if (spec.Devices.Count > 0)
            {
                // DeviceAttachService orders them as libvirt does: SCSI controllers, disks, serial ports, network adapters.
                options.OnStep?.Invoke("Attaching devices");
                await new DeviceAttachService(_session, _trace).AttachAsync(domain, spec.Devices, settingsOptions, cancellationToken).ConfigureAwait(false);
                domain = await ReadAsync(uuid.Value, spec.Name, cancellationToken).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            return domain;
        }
        catch (Exception ex) when (ex is HvHostException or WsManException or OperationCanceledException && ex is not HvDefineException)
        {
            if (uuid is null && createdDisk is null)
            {
                throw ex is OperationCanceledException ? ex : new HvDefineException(DefineFailure.DefineFailed, spec.Name, spec.Uuid, $"{what}: {ex.Message} Nothing was created.", ex);
            }
            options.OnStep?.Invoke(uuid is null ? "Deleting the new virtual hard disk" : "Removing the new domain");
            var remains = await UndoAsync(uuid, createdDisk, spec.Name, options).ConfigureAwait(false);
            var made = uuid is { } u ? $"The new domain (UUID {u:D})" + (createdDisk is null ? " was" : $" and the disk '{createdDisk}' were") : $"The new disk '{createdDisk}' was";
            if (remains.Count > 0)
            {
                throw new HvDefineException(DefineFailure.DefineUndoFailed, spec.Name, uuid,
                    $"{what}: {FirstFailure(ex)} Undoing it failed too: {string.Join("; ", remains.Select(r => r.What))}.",
                    ex, string.Join(" ", remains.Select(r => r.Fix)));
            }
            if (ex is OperationCanceledException)
            {
                throw;
            }
            throw new HvDefineException(DefineFailure.DefineFailed, spec.Name, uuid, $"{what}: {FirstFailure(ex)} {made} removed again; nothing remains.", ex);
        }
    }

    // A v1 host defines with DefineVirtualSystem, another method of another namespace; Windows Server 2012 has no generation 2.
    private void CheckHost(NewDomainSpec spec, string what)
    {
        if (_session.WmiApi == WmiApi.V1)
        {
            throw new HvDefineException(DefineFailure.DefineNotSupported, spec.Name, spec.Uuid,
                $"{what}: the host's Hyper-V (version {_session.OsVersion}) has only the v1 WMI namespace, whose DefineVirtualSystem this module does not send. Nothing was changed.");
        }
        if (spec.Generation == 2 && !HasGenerations)
        {
            throw new HvDefineException(DefineFailure.DefineNotSupported, spec.Name, spec.Uuid,
                $"{what}: generation 2 (UEFI) came with Windows Server 2012 R2 and the host is version {_session.OsVersion}. Nothing was changed.",
                recommendedAction: "Define it as generation 1: leave out firmware='efi' and <loader>.");
        }
    }

    private bool HasGenerations => !_session.OsVersion.StartsWith("6.2", StringComparison.Ordinal);

    /// <summary>The embedded VSSD DefineSystem's SystemSettings takes (Microsoft's Msvm_VirtualSystemManagementService.DefineSystem).</summary>
    internal EmbeddedInstance SystemSettings(NewDomainSpec spec)
    {
        var vssd = new EmbeddedInstance(SystemSettingsClass).Add("ElementName", spec.Name);
        if (HasGenerations)
        {
            vssd.Add("VirtualSystemSubType", "Microsoft:Hyper-V:SubType:" + spec.Generation.ToString(CultureInfo.InvariantCulture));
        }
        if (!string.IsNullOrEmpty(spec.Description))
        {
            vssd.Add("Notes", [spec.Description]);
        }
        if (spec.Uuid is { } uuid)
        {
            vssd.Add("VirtualSystemIdentifier", uuid.ToString("D", CultureInfo.InvariantCulture).ToUpperInvariant());
        }
        return vssd;
    }

    // ResultingSystem: a reference to the new Msvm_ComputerSystem, whose Name is the VM's GUID.
    private static Guid? NewSystem(CimObject output) =>
        Guid.TryParse(output.GetReference("ResultingSystem")?.GetSelector("Name"), out var uuid) ? uuid : null;

    // A larger memory than the new domain's Limit is raised together with it, so the one ModifyResourceSettings is consistent.
    private static DomainSettingsChange Ordered(DomainSettingsChange change, HvDomain domain)
    {
        if (change.MaxMemoryBytes is null && change.MemoryBytes is { } memory
            && domain.GetDetail()?.MemorySettings?.GetUInt64("Limit") is { } limitMiB && MemoryRounding.ToHyperVMiB(memory) > limitMiB)
        {
            return change with { MaxMemoryBytes = memory };
        }
        return change;
    }

    private async Task<HvDomain> ReadAsync(Guid uuid, string name, CancellationToken cancellationToken) =>
        await _domains.GetDomainAsync(uuid, detailed: true, cancellationToken).ConfigureAwait(false)
        ?? throw new HvHostException($"DefineSystem named the new domain {uuid:D}, but the host does not list it (was '{name}' removed meanwhile?).");

    // DestroySystem on the new domain, then the new disk deleted (only when the domain went); not cancellable: the define's
    // own cancellation may be why it runs. Returns what remains, with how to remove it; empty when both went.
    private async Task<List<(string What, string Fix)>> UndoAsync(Guid? uuid, string? disk, string name, DefineOptions options)
    {
        var remains = new List<(string What, string Fix)>(2);
        if (uuid is { } vm)
        {
            var uuidText = vm.ToString("D", CultureInfo.InvariantCulture);
            try
            {
                var system = new EndpointReference(WmiNamespace.ClassUri(_session.Namespace, ComputerSystemClass),
                    [new("CreationClassName", ComputerSystemClass), new("Name", uuidText.ToUpperInvariant())]);
                var context = new JobContext(DomainOperation.Undefine, "DestroySystem", name, vm, _session.ComputerName);
                await _methods.InvokeAsync("DestroySystem", [new("AffectedSystem", system)], context,
                    new StateChangeOptions { Timeout = options.Timeout, OnJobStatus = options.OnJobStatus }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HvHostException or WsManException)
            {
                remains.Add(($"domain '{name}' with UUID {uuidText} remains, partly configured ({ex.Message})", $"Remove it with Remove-HvDomain -Uuid {uuidText} -Force."));
            }
        }
        if (disk is not null && remains.Count > 0)
        {
            // The domain that remains holds the disk: deleting it would leave the domain pointing at nothing.
            remains.Add(($"the disk '{disk}' stays with it", $"Then delete '{disk}' on the host."));
        }
        else if (disk is not null)
        {
            try
            {
                await new HostFileService(_session, _trace).DeleteAsync(disk, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HvHostException or WsManException)
            {
                remains.Add(($"the new disk '{disk}' remains ({ex.Message})", $"Delete '{disk}' on the host."));
            }
        }
        return remains;
    }

    private static string FirstFailure(Exception ex) => ex is OperationCanceledException ? "The define was cancelled." : ex.Message;
}
