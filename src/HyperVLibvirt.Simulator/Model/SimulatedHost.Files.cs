namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// root/cimv2's CIM_DataFile over the host's files (<see cref="HostFileStore"/>): one row per file, rebuilt when the
/// store has changed since the last read, so queries such as
/// <c>SELECT Name, FileSize FROM CIM_DataFile WHERE Name = '…' OR …</c> see files that methods made or removed.
/// <c>Delete()</c> (Microsoft's "Delete method of the CIM_DataFile class") removes the file: 0; a file an active VM
/// holds open (a VM with a worker process: running, paused, starting…) 15, sharing violation, the code that page lists
/// for it (the simulator's choice of when: Windows fails to delete a file another process has open without
/// FILE_SHARE_DELETE, as the VM worker process keeps its disks). A file that does not exist is WMI's not-found fault,
/// as for any instance that is not there.
/// </summary>
public sealed partial class SimulatedHost
{
    /// <summary>CIM_DataFile's Delete: success.</summary>
    private const uint DataFileDeleted = 0;

    /// <summary>CIM_DataFile's Delete: sharing violation.</summary>
    private const uint DataFileSharingViolation = 15;

    private long _publishedFilesVersion = -1;

    // CIM_DataFile rows are the store's files; rebuilt only when the store changed since they were built.
    private void RefreshFiles(HostNamespace ns, string className)
    {
        if (!string.Equals(className, "CIM_DataFile", StringComparison.OrdinalIgnoreCase) || ns.Table(className) is not { } table)
        {
            return;
        }

        lock (_stateGate)
        {
            // The version is read before the files: a change in between makes the next read rebuild again.
            var version = Files.Version;
            if (version == _publishedFilesVersion)
            {
                return;
            }

            table.ReplaceAll(Files.Files.Select(f => DataFileInstanceFactory.DataFile(ns, ComputerName, f)).ToArray());
            _publishedFilesVersion = version;
        }
    }

    private MethodResult InvokeDataFile(HostNamespace ns, CimInstance file, string methodName)
    {
        if (!string.Equals(methodName, "Delete", StringComparison.OrdinalIgnoreCase))
        {
            throw new CimException(CimErrorKind.InvalidMethod, $"The method '{methodName}' is not supported by CIM_DataFile.");
        }

        var path = (string)file["Name"]!;
        lock (_stateGate)
        {
            if (HeldOpenBy(path) is not null)
            {
                return new MethodResult(DataFileSharingViolation, []);
            }

            Files.Remove(path);
            RefreshFiles(ns, "CIM_DataFile");
            return new MethodResult(DataFileDeleted, []);
        }
    }

    /// <summary>The active VM (one with a worker process) whose drive holds the file at <paramref name="path"/>, or null. Caller holds _stateGate.</summary>
    private VmRecord? HeldOpenBy(string path)
    {
        if (!_namespaces.TryGetValue(HostProfile.V2Namespace, out var v2) || v2.Table("Msvm_StorageAllocationSettingData") is not { } media)
        {
            return null;
        }

        foreach (var item in media.Items)
        {
            if (item["HostResource"] is IReadOnlyList<object> { Count: > 0 } resource
                && string.Equals(resource[0] as string, path, StringComparison.OrdinalIgnoreCase)
                && item["InstanceID"] is string instanceId
                && instanceId.StartsWith("Microsoft:", StringComparison.OrdinalIgnoreCase)
                && _vms.TryGetValue(instanceId["Microsoft:".Length..].Split('\\')[0], out var vm)
                && EnabledStates.HasWorkerProcess(vm.State))
            {
                return vm;
            }
        }

        return null;
    }
}
