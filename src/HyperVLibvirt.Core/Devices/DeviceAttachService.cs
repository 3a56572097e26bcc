using System.Globalization;
using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.Storage;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// Attaches devices to a domain as libvirt's hypervDomainAttachDeviceFlags and the device part of hypervDomainDefineXML
/// (src/hyperv/hyperv_driver.c) do: AddResourceSettings for SCSI controllers, drives, media, adapters and their connections,
/// ModifyResourceSettings for COM ports, on Msvm_VirtualSystemManagementService. Unlike libvirt it reads the devices of all the
/// domains of a request together (one query per class it needs), checks and places every device before sending anything (<see cref="DevicePlanner"/>), takes a
/// new setting's InstanceID from ResultingResourceSettings, and when the second call of a device (media, connection) fails,
/// removes its first half with RemoveResourceSettings, so no empty drive or unconnected adapter is left behind.
/// </summary>
public sealed class DeviceAttachService
{
    private readonly HvConnection _session;
    private readonly IWsManTrace? _trace;
    private readonly ServiceMethod _methods;

    /// <summary>A service for <paramref name="session"/>, tracing to <paramref name="trace"/> (null: no trace).</summary>
    public DeviceAttachService(HvConnection session, IWsManTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _trace = trace;
        _methods = DeviceRefusal.Methods(session, trace);
    }

    // Hosts of version 6.x (2012 R2 and older) keep serial ports among the RASDs (hypervDomainAttachSerial).
    private bool SerialPortsInResourceSettings => _session.OsVersion.StartsWith("6.", StringComparison.Ordinal);

    /// <summary>
    /// Attaches <paramref name="devices"/> to <paramref name="domain"/> in libvirt's order and returns each as the host reports it.
    /// </summary>
    /// <exception cref="HvDeviceException">Refused before sending (nothing attached), refused by the host, or attached in part (the message says what remains).</exception>
    /// <exception cref="HvJobException">The only device's job failed or outlasted the timeout (nothing of it remains).</exception>
    public async Task<IReadOnlyList<HvDomainDevice>> AttachAsync(HvDomain domain, IReadOnlyList<DeviceSpec> devices, SettingsOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await foreach (var result in AttachAsync([domain], devices, options, cancellationToken).ConfigureAwait(false))
        {
            return result.Error is { } error ? throw error : result.Devices;
        }
        return [];
    }

    /// <summary>
    /// Attaches <paramref name="devices"/> to each of <paramref name="domains"/> (all of this session's host): their devices are read
    /// together, a fixed handful of queries for the whole batch, then each domain's devices are checked and attached in turn. A
    /// domain that fails comes back with its <see cref="DeviceAttachResult.Error"/>; the others are unaffected.
    /// </summary>
    public async IAsyncEnumerable<DeviceAttachResult> AttachAsync(IReadOnlyList<HvDomain> domains, IReadOnlyList<DeviceSpec> devices,
        SettingsOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(devices);
        if (domains.FirstOrDefault(d => d.ConnectionId != _session.Id) is { } foreign)
        {
            throw new ArgumentException($"Domain '{foreign.Name}' was read through another connection than {_session.Uri}.", nameof(domains));
        }
        _session.ThrowIfClosed();
        if (domains.Count == 0)
        {
            yield break;
        }
        if (devices.Count == 0)
        {
            foreach (var domain in domains)
            {
                yield return new DeviceAttachResult(domain, [], null);
            }
            yield break;
        }
        options ??= new SettingsOptions();
        if (_session.WmiApi == WmiApi.V1)
        {
            // libvirt's driver attaches through the v2 classes only (hypervDomainAttachDeviceFlags); v1 hosts lack them.
            foreach (var domain in domains)
            {
                yield return new DeviceAttachResult(domain, [], new HvDeviceException(DeviceFailure.NotSupportedOnHost, domain.Name, domain.Uuid,
                    $"Cannot attach devices to domain '{domain.Name}' on {_session.ComputerName}: the host has only the v1 virtualization namespace (root\\virtualization, Windows Server 2008 to 2012), and devices are attached through root\\virtualization\\v2. Nothing was attached.",
                    recommendedAction: "Attach the device with Hyper-V Manager on that host, or connect to a host of Windows Server 2012 R2 or later."));
            }
            yield break;
        }

        // Each domain read afresh (its state decides what may be added), then every domain's devices in one query per class.
        var current = new Dictionary<Guid, HvDomain>();
        await foreach (var fresh in new DomainService(_session, _trace).GetDomainsAsync(new DomainFilter { Uuids = domains.Select(d => d.Uuid).Distinct().ToArray() },
            false, cancellationToken).ConfigureAwait(false))
        {
            current[fresh.Uuid] = fresh;
        }
        var inventories = await ReadInventoriesAsync(current.Values.ToList(), devices, cancellationToken).ConfigureAwait(false);

        foreach (var domain in domains)
        {
            if (!current.TryGetValue(domain.Uuid, out var fresh))
            {
                yield return new DeviceAttachResult(domain, [], new HvDeviceException(DeviceFailure.DomainNotFound, domain.Name, domain.Uuid,
                    $"Cannot attach devices to domain '{domain.Name}' on {_session.ComputerName}: No domain with UUID {domain.Uuid:D}."));
                continue;
            }
            IReadOnlyList<HvDomainDevice> attached = [];
            Exception? failure = null;
            try
            {
                attached = await AttachToAsync(fresh, inventories[fresh.Uuid], devices, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HvDeviceException or HvJobException)
            {
                failure = ex;
            }
            yield return new DeviceAttachResult(fresh, attached, failure);
        }
    }

    private async Task<IReadOnlyList<HvDomainDevice>> AttachToAsync(HvDomain current, Func<DeviceInventory> inventory, IReadOnlyList<DeviceSpec> devices,
        SettingsOptions options, CancellationToken cancellationToken)
    {
        var domainInventory = inventory();
        var plan = DevicePlanner.Plan(current, domainInventory, devices, SerialPortsInResourceSettings);
        var run = new AttachRun(this, current, domainInventory.SystemSettingsInstanceId, options);
        var attached = new List<HvDomainDevice>(plan.Count);
        foreach (var device in plan)
        {
            try
            {
                attached.Add(await run.AttachAsync(device, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (attached.Count > 0 && ex is HvDeviceException or HvJobException)
            {
                var kept = string.Join(", ", attached.Select(a => a.Kind + (a.Target is null ? string.Empty : " " + a.Target)));
                throw new HvDeviceException(ex is HvDeviceException { Reason: DeviceFailure.UndoFailed } ? DeviceFailure.UndoFailed : DeviceFailure.PartlyAttached,
                    current.Name, current.Uuid, $"{ex.Message} The devices attached before it stay attached: {kept}.",
                    (ex as HvDeviceException)?.ReturnValue, (ex as HvDeviceException)?.RecommendedAction, ex);
            }
        }
        return await ReadBackAsync(attached, cancellationToken).ConfigureAwait(false);
    }

    // One query per class the devices need, for all the domains: VSSDs (generation), RASDs, SASDs, COM ports when asked for, and
    // what the devices name on the host (HostResources). Each domain's inventory is built when its turn comes (a missing VSSD fails that domain alone).
    private async Task<Dictionary<Guid, Func<DeviceInventory>>> ReadInventoriesAsync(IReadOnlyList<HvDomain> domains, IReadOnlyList<DeviceSpec> devices,
        CancellationToken cancellationToken)
    {
        var vms = domains.Select(d => d.Uuid).ToArray();
        var systemSettings = new List<CimObject>();
        foreach (var chunk in vms.Chunk(DomainXmlQuery.PerDomainFilterLimit))
        {
            systemSettings.AddRange(await ListAsync("SELECT InstanceID, VirtualSystemSubType FROM Msvm_VirtualSystemSettingData WHERE "
                + string.Join(" OR ", chunk.Select(vm => "InstanceID = " + WqlEscape.Quoted(SettingsInstanceId.ForRealizedSystem(vm)))), cancellationToken).ConfigureAwait(false));
        }
        var needsDisks = devices.Any(d => d is DiskSpec);
        var needsSerial = devices.Any(d => d is SerialPortSpec);
        var resources = needsDisks || (SerialPortsInResourceSettings && needsSerial)
            ? await ListAsync(DomainXmlQuery.ComponentSettings("Msvm_ResourceAllocationSettingData", vms), cancellationToken).ConfigureAwait(false)
            : [];
        var storage = needsDisks
            ? await ListAsync(DomainXmlQuery.ComponentSettings("Msvm_StorageAllocationSettingData", vms), cancellationToken).ConfigureAwait(false)
            : [];
        var serialPorts = !needsSerial ? []
            : SerialPortsInResourceSettings ? resources
            : await ListAsync(DomainXmlQuery.ComponentSettings("Msvm_SerialPortSettingData", vms), cancellationToken).ConfigureAwait(false);
        var host = await HostResources.ReadAsync(_session, _trace, devices, cancellationToken).ConfigureAwait(false);

        var byOwner = (IEnumerable<CimObject> items) => items.ToLookup(i => SettingsInstanceId.OwnerOf(i.GetString("InstanceID")) ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var (resourcesOf, storageOf, serialOf) = (byOwner(resources), byOwner(storage), byOwner(serialPorts));
        var inventories = new Dictionary<Guid, Func<DeviceInventory>>();
        foreach (var domain in domains)
        {
            var id = SettingsInstanceId.ForRealizedSystem(domain.Uuid);
            inventories[domain.Uuid] = () => new DeviceInventory
            {
                Generation = SystemSettings(domain, systemSettings, id).GetString("VirtualSystemSubType") is { } subType && subType.EndsWith(":2", StringComparison.Ordinal) ? 2 : 1,
                SystemSettingsInstanceId = id,
                Resources = resourcesOf[id].ToList(),
                Storage = storageOf[id].ToList(),
                SerialPorts = serialOf[id].ToList(),
                Host = host,
            };
        }
        return inventories;
    }

    private CimObject SystemSettings(HvDomain domain, List<CimObject> systemSettings, string instanceId) =>
        systemSettings.FirstOrDefault(s => string.Equals(s.GetString("InstanceID"), instanceId, StringComparison.OrdinalIgnoreCase))
        ?? throw new HvDeviceException(DeviceFailure.SettingsNotFound, domain.Name, domain.Uuid,
            $"Cannot attach devices to domain '{domain.Name}' on {_session.ComputerName}: its Msvm_VirtualSystemSettingData could not be read. Nothing was attached.");

    // The adapters' MAC addresses as the host holds them now (a dynamic one is the host's choice): one query for all.
    private async Task<IReadOnlyList<HvDomainDevice>> ReadBackAsync(List<HvDomainDevice> attached, CancellationToken cancellationToken)
    {
        var ports = attached.Where(a => a.Device == "interface").Select(a => a.InstanceId!).ToArray();
        if (ports.Length == 0)
        {
            return attached;
        }
        var read = await ListAsync("SELECT InstanceID, Address FROM Msvm_SyntheticEthernetPortSettingData WHERE "
            + string.Join(" OR ", ports.Select(id => "InstanceID = " + WqlEscape.Quoted(id))), cancellationToken).ConfigureAwait(false);
        return attached.Select(a => a.Device != "interface" ? a : a with
        {
            MacAddress = read.FirstOrDefault(p => string.Equals(p.GetString("InstanceID"), a.InstanceId, StringComparison.OrdinalIgnoreCase))?.GetString("Address") is { } address
                && address.Trim('0').Length > 0 ? MacAddress.ToLibvirt(address) : a.MacAddress,
        }).ToList();
    }

    private async Task<List<CimObject>> ListAsync(string wql, CancellationToken cancellationToken)
    {
        var items = new List<CimObject>();
        await foreach (var item in _session.QueryAsync(wql, null, _trace, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }
        return items;
    }

    /// <summary>The calls for one request: each device's one or two methods, and the removal of a half-attached device.</summary>
    private sealed class AttachRun(DeviceAttachService service, HvDomain domain, string systemSettingsInstanceId, SettingsOptions options)
    {
        private string Host => service._session.HostName ?? service._session.ComputerName;

        public async Task<HvDomainDevice> AttachAsync(PlannedDevice device, CancellationToken cancellationToken)
        {
            switch (device)
            {
                case PlannedController c:
                    c.Slot.InstanceId = await AddAsync(DeviceSettings.ScsiController(), cancellationToken).ConfigureAwait(false);
                    return Result(c, "controller", "ScsiController", string.Create(CultureInfo.InvariantCulture, $"scsi{c.Slot.Index}")) with
                    {
                        Controller = c.Slot.Index,
                        InstanceId = c.Slot.InstanceId,
                    };
                case PlannedDisk d:
                    return await AttachDiskAsync(d, cancellationToken).ConfigureAwait(false);
                case PlannedSerial s:
                    await ModifyAsync(DeviceSettings.SerialConnection(s.ClassName, s.InstanceId, s.Serial.PipePath), cancellationToken).ConfigureAwait(false);
                    return Result(s, "serial", "SerialPort", string.Create(CultureInfo.InvariantCulture, $"COM {s.Serial.Port}")) with
                    {
                        Source = s.Serial.PipePath ?? string.Empty,
                        InstanceId = s.InstanceId,
                    };
                case PlannedAdapter a:
                    var portId = await AddAsync(DeviceSettings.EthernetPort(Guid.NewGuid(), a.Adapter.MacAddress), cancellationToken).ConfigureAwait(false);
                    var portPath = DevicePaths.Setting(Host, DeviceSettings.EthernetPortClass, portId);
                    await SecondHalfAsync(a, DeviceSettings.EthernetConnection(portPath, DevicePaths.Switch(Host, a.SwitchName)), DeviceSettings.EthernetPortClass,
                        portId, "network adapter", cancellationToken).ConfigureAwait(false);
                    return Result(a, "interface", "NetworkAdapter", null) with
                    {
                        Source = a.SwitchElementName,
                        MacAddress = a.Adapter.MacAddress is { } mac ? MacAddress.ToLibvirt(mac) : null,
                        InstanceId = portId,
                    };
                default:
                    throw new ArgumentException($"'{device.GetType().Name}' is not a planned device.", nameof(device));
            }
        }

        private async Task<HvDomainDevice> AttachDiskAsync(PlannedDisk d, CancellationToken cancellationToken)
        {
            var disk = d.Disk;
            if (disk.Kind == DiskKind.Floppy)
            {
                // hypervDomainAttachFloppy: the image goes into the existing diskette drive; nothing to undo.
                var drivePath = DevicePaths.Setting(Host, DeviceSettings.ResourceClass, d.DisketteDriveId!);
                var mediaId = await AddAsync(DeviceSettings.Media(disk.Kind, drivePath, disk.Path!), cancellationToken).ConfigureAwait(false);
                return Result(d, "disk", disk.Kind.ToString(), "fda") with { Bus = "fdc", Controller = 0, Unit = 0, Source = disk.Path, InstanceId = mediaId };
            }

            var slot = d.Slot!;
            var controllerPath = DevicePaths.Setting(Host, DeviceSettings.ResourceClass, slot.InstanceId!);
            var driveId = await AddAsync(DeviceSettings.Drive(disk.Kind, controllerPath, d.Location, d.HostDiskPath), cancellationToken).ConfigureAwait(false);
            if (disk.Path is { } image)
            {
                var media = DeviceSettings.Media(disk.Kind, DevicePaths.Setting(Host, DeviceSettings.ResourceClass, driveId), image);
                await SecondHalfAsync(d, media, DeviceSettings.ResourceClass, driveId, disk.Kind == DiskKind.Dvd ? "DVD drive" : "disk drive",
                    cancellationToken).ConfigureAwait(false);
            }
            var ide = slot.Bus == DiskBus.Ide;
            var target = ide ? DiskNames.FromIndex(slot.Index * 2 + d.Location, "hd") : DiskNames.FromIndex(slot.Index * 64 + d.Location, "sd");
            return Result(d, "disk", disk.Kind.ToString(), target) with
            {
                Bus = ide ? "ide" : "scsi",
                Controller = slot.Index,
                Unit = d.Location,
                Source = disk.Path ?? disk.HostDriveNumber?.ToString(CultureInfo.InvariantCulture),
                InstanceId = driveId,
            };
        }

        // The second call of a two-call device; when it fails (or is cancelled), the first half is removed before the error goes up.
        private async Task SecondHalfAsync(PlannedDevice device, EmbeddedInstance setting, string firstClass, string firstId, string firstWhat,
            CancellationToken cancellationToken)
        {
            try
            {
                await AddAsync(setting, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HvDeviceException or HvJobException or OperationCanceledException)
            {
                var first = new EndpointReference(WmiNamespace.ClassUri(service._session.Namespace, firstClass), [new("InstanceID", firstId)]);
                var what = $"Could not attach the {device.Spec.Describe()} to domain '{domain.Name}' on {service._session.ComputerName}";
                try
                {
                    // Not cancellable: a half-made device is worse than the wait, which the job timeout bounds.
                    await InvokeAsync("RemoveResourceSettings", [new("ResourceSettings", new[] { first })], CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception undo) when (undo is HvDeviceException or HvJobException or WsManException)
                {
                    throw new HvDeviceException(DeviceFailure.UndoFailed, domain.Name, domain.Uuid,
                        $"{what}: {Detail(ex)} Removing the {firstWhat} added for it failed too ({undo.Message}); it remains as InstanceID '{firstId}'.",
                        (ex as HvDeviceException)?.ReturnValue, "Remove the leftover device in Hyper-V Manager or with Remove-VMHardDiskDrive / Remove-VMNetworkAdapter.", ex);
                }
                if (ex is OperationCanceledException)
                {
                    throw;
                }
                throw new HvDeviceException((ex as HvDeviceException)?.Reason ?? DeviceFailure.JobFailed, domain.Name, domain.Uuid,
                    $"{what}: {Detail(ex)} The {firstWhat} added for it was removed; nothing of it remains.",
                    (ex as HvDeviceException)?.ReturnValue ?? (ex as HvJobException)?.ErrorCode, (ex as HvDeviceException)?.RecommendedAction
                    ?? (ex as HvJobException)?.RecommendedAction, ex);
            }
        }

        private static string Detail(Exception ex) => ex.Message.EndsWith('.') ? ex.Message : ex.Message + ".";

        // AddResourceSettings(AffectedConfiguration, ResourceSettings[]) → ResultingResourceSettings[0]'s InstanceID.
        private async Task<string> AddAsync(EmbeddedInstance setting, CancellationToken cancellationToken)
        {
            var affected = new EndpointReference(WmiNamespace.ClassUri(service._session.Namespace, "Msvm_VirtualSystemSettingData"),
                [new("InstanceID", systemSettingsInstanceId)]);
            var output = await InvokeAsync("AddResourceSettings",
                [new("AffectedConfiguration", affected), new("ResourceSettings", new[] { setting })], cancellationToken).ConfigureAwait(false);
            return output.GetArray("ResultingResourceSettings") is { Count: > 0 } results && results[0].AsReference()?.GetSelector("InstanceID") is { Length: > 0 } id
                ? id
                : throw new HvDeviceException(DeviceFailure.InvalidResponse, domain.Name, domain.Uuid,
                    $"Could not attach a device to domain '{domain.Name}' on {service._session.ComputerName}: AddResourceSettings returned no ResultingResourceSettings reference. The device may have been added; check with Get-HvDomainXml.");
        }

        private Task<CimObject> ModifyAsync(EmbeddedInstance setting, CancellationToken cancellationToken) =>
            InvokeAsync("ModifyResourceSettings", [new("ResourceSettings", new[] { setting })], cancellationToken);

        private async Task<CimObject> InvokeAsync(string method, IReadOnlyList<KeyValuePair<string, object?>> parameters, CancellationToken cancellationToken)
        {
            var context = new JobContext(DomainOperation.Configure, method, domain.Name, domain.Uuid, service._session.ComputerName);
            var wait = new StateChangeOptions { Timeout = options.Timeout, OnJobStatus = options.OnJobStatus };
            var (output, _) = await service._methods.InvokeAsync(method, parameters, context, wait, cancellationToken).ConfigureAwait(false);
            return output;
        }

        private HvDomainDevice Result(PlannedDevice device, string element, string kind, string? target) => new()
        {
            DomainName = domain.Name,
            DomainUuid = domain.Uuid,
            ComputerName = domain.ComputerName,
            Device = element,
            Kind = kind,
            Target = target,
        };
    }
}
