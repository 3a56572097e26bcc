using System.Globalization;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.Lifecycle;
using HyperVLibvirt.Core.Management;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// Attaches devices to a domain as libvirt's hypervDomainAttachDeviceFlags and the device part of hypervDomainDefineXML
/// (src/hyperv/hyperv_driver.c) do: AddResourceSettings for SCSI controllers, drives, media, adapters and their connections,
/// ModifyResourceSettings for COM ports, on Msvm_VirtualSystemManagementService. Unlike libvirt it reads the domain's devices
/// once (three or four queries), checks and places every device before sending anything (<see cref="DevicePlanner"/>), takes a
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
        ArgumentNullException.ThrowIfNull(devices);
        if (domain.ConnectionId != _session.Id)
        {
            throw new ArgumentException($"Domain '{domain.Name}' was read through another connection than {_session.Uri}.", nameof(domain));
        }
        _session.ThrowIfClosed();
        if (devices.Count == 0)
        {
            return [];
        }
        options ??= new SettingsOptions();
        if (_session.WmiApi == WmiApi.V1)
        {
            // libvirt's driver attaches through the v2 classes only (hypervDomainAttachDeviceFlags); v1 hosts lack them.
            throw new HvDeviceException(DeviceFailure.NotSupportedOnHost, domain.Name, domain.Uuid,
                $"Cannot attach devices to domain '{domain.Name}' on {_session.ComputerName}: the host has only the v1 virtualization namespace (root\\virtualization, Windows Server 2008 to 2012), and devices are attached through root\\virtualization\\v2. Nothing was attached.",
                recommendedAction: "Attach the device with Hyper-V Manager on that host, or connect to a host of Windows Server 2012 R2 or later.");
        }

        var current = await new DomainService(_session, _trace).GetDomainAsync(domain.Uuid, detailed: false, cancellationToken).ConfigureAwait(false)
            ?? throw new HvDeviceException(DeviceFailure.DomainNotFound, domain.Name, domain.Uuid,
                $"Cannot attach devices to domain '{domain.Name}' on {_session.ComputerName}: No domain with UUID {domain.Uuid:D}.");
        var inventory = await ReadInventoryAsync(current, devices, cancellationToken).ConfigureAwait(false);
        var plan = DevicePlanner.Plan(current, inventory, devices, SerialPortsInResourceSettings);

        var run = new AttachRun(this, current, inventory.SystemSettingsInstanceId, options);
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

    // One query per class the devices need: the VSSD (generation), RASDs, SASDs, and COM ports, switches or host disks when asked for.
    private async Task<DeviceInventory> ReadInventoryAsync(HvDomain domain, IReadOnlyList<DeviceSpec> devices, CancellationToken cancellationToken)
    {
        var vssdId = SettingsInstanceId.ForRealizedSystem(domain.Uuid);
        var vssd = (await ListAsync("SELECT InstanceID, VirtualSystemSubType FROM Msvm_VirtualSystemSettingData WHERE InstanceID = " + WqlEscape.Quoted(vssdId),
            cancellationToken).ConfigureAwait(false)).FirstOrDefault()
            ?? throw new HvDeviceException(DeviceFailure.SettingsNotFound, domain.Name, domain.Uuid,
                $"Cannot attach devices to domain '{domain.Name}' on {_session.ComputerName}: its Msvm_VirtualSystemSettingData could not be read. Nothing was attached.");
        Guid[] vm = [domain.Uuid];
        var needsDisks = devices.Any(d => d is DiskSpec);
        var resources = needsDisks || (SerialPortsInResourceSettings && devices.Any(d => d is SerialPortSpec))
            ? await ListAsync(DomainXmlQuery.ComponentSettings("Msvm_ResourceAllocationSettingData", vm), cancellationToken).ConfigureAwait(false)
            : [];
        var storage = needsDisks
            ? await ListAsync(DomainXmlQuery.ComponentSettings("Msvm_StorageAllocationSettingData", vm), cancellationToken).ConfigureAwait(false)
            : [];
        var serialPorts = !devices.Any(d => d is SerialPortSpec) ? []
            : SerialPortsInResourceSettings ? resources
            : await ListAsync(DomainXmlQuery.ComponentSettings("Msvm_SerialPortSettingData", vm), cancellationToken).ConfigureAwait(false);
        var switches = devices.Any(d => d is NetworkAdapterSpec)
            ? await ListAsync(DomainXmlQuery.AllSwitches, cancellationToken).ConfigureAwait(false)
            : [];
        var hostDisks = devices.OfType<DiskSpec>().Where(d => d.HostDriveNumber is not null).Select(d => d.HostDriveNumber!.Value).Distinct().ToArray() is { Length: > 0 } numbers
            ? await ListAsync("SELECT * FROM Msvm_DiskDrive WHERE " + string.Join(" OR ", numbers.Select(n => string.Create(CultureInfo.InvariantCulture, $"DriveNumber = {n}"))),
                cancellationToken).ConfigureAwait(false)
            : [];
        return new DeviceInventory
        {
            Generation = vssd.GetString("VirtualSystemSubType") is { } subType && subType.EndsWith(":2", StringComparison.Ordinal) ? 2 : 1,
            SystemSettingsInstanceId = vssd.GetString("InstanceID") ?? vssdId,
            Resources = resources,
            Storage = storage,
            SerialPorts = serialPorts,
            Switches = switches,
            // A VM's own drives are Msvm_DiskDrive too, with the VM's GUID as SystemName: only the host's can be passed through.
            HostDisks = hostDisks.Where(d => !Guid.TryParse(d.GetString("SystemName"), out _)).ToList(),
        };
    }

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
