using System.Globalization;
using System.Text.Json;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Reads a VM's virtual hardware from its inventory entry (<c>generation</c>, <c>drives</c>,
/// <c>floppy</c>, <c>nics</c>, <c>serial</c>; INVENTORY.md). When any of them is given, the VM has
/// exactly that hardware; otherwise it is derived from the VM id.
/// </summary>
internal static class InventoryDevices
{
    /// <summary>The inventory fields this reads.</summary>
    public static readonly string[] Fields = ["generation", "drives", "floppy", "nics", "serial"];

    private static IReadOnlyList<string> SwitchNames => HostNetwork.SwitchNames;

    private const int IdeSlots = 4;
    private const int ScsiSlots = 64;

    public static VmDeviceLayout? Parse(JsonElement vm, string where, Guid id)
    {
        if (!Fields.Any(f => TryGet(vm, f, out _)))
        {
            return null;
        }

        var generation = 2;
        if (TryGet(vm, "generation", out var g))
        {
            generation = g.ValueKind == JsonValueKind.Number && g.TryGetInt32(out var n) && n is 1 or 2
                ? n
                : throw new InventoryException($"{where}: \"generation\" must be 1 or 2.");
        }

        var drives = new List<DriveLayout>();
        foreach (var (drive, at) in Items(vm, "drives", where))
        {
            var slot = drives.Count;
            if (slot >= (generation == 1 ? IdeSlots : ScsiSlots))
            {
                throw new InventoryException($"{at}: a generation {generation} VM has room for {(generation == 1 ? IdeSlots : ScsiSlots)} drives here.");
            }

            // Generation 1: IDE 0:0, 0:1, 1:0, 1:1; generation 2: SCSI controller 0, locations in order.
            var (controller, location) = generation == 1 ? (slot / 2, slot % 2) : (0, slot);
            var type = String(drive, "type", at) ?? throw new InventoryException($"{at}: \"type\" is required (vhd, dvd or passthrough).");
            drives.Add(type.ToLowerInvariant() switch
            {
                "vhd" => new DriveLayout(DriveKind.VirtualHardDisk, controller, location, String(drive, "path", at) ?? throw new InventoryException($"{at}: a vhd drive needs a \"path\".")),
                "dvd" => String(drive, "path", at) is { } iso
                    ? new DriveLayout(DriveKind.DvdImage, controller, location, iso)
                    : new DriveLayout(DriveKind.EmptyDvd, controller, location, null),
                "passthrough" => new DriveLayout(DriveKind.PassThrough, controller, location, Disk(drive, at)),
                _ => throw new InventoryException($"{at}: \"type\" must be vhd, dvd or passthrough, not '{type}'."),
            });
        }

        var floppy = String(vm, "floppy", where);
        if (floppy is not null && generation != 1)
        {
            throw new InventoryException($"{where}: \"floppy\" needs \"generation\": 1 (generation 2 VMs have no diskette drive).");
        }

        var nics = new List<NicLayout>();
        foreach (var (nic, at) in Items(vm, "nics", where))
        {
            var index = nics.Count;
            var mac = String(nic, "mac", at)?.Replace("-", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            if (mac is not null && (mac.Length != 12 || !mac.All(Uri.IsHexDigit)))
            {
                throw new InventoryException($"{at}: \"mac\" must be 12 hex digits (separators - or : allowed).");
            }

            var switchName = String(nic, "switch", at);
            if (switchName is not null && !SwitchNames.Contains(switchName))
            {
                throw new InventoryException($"{at}: no switch \"{switchName}\" (the host has {string.Join(", ", SwitchNames)}; leave \"switch\" out for a disconnected adapter).");
            }

            nics.Add(new NicLayout(VmDeviceLayout.NicId(id, index), mac ?? VmDeviceLayout.MacFor(id, index), Bool(nic, "staticMac", at) ?? mac is not null, switchName));
        }

        var pipes = new string?[2];
        foreach (var (port, at) in Items(vm, "serial", where))
        {
            var number = TryGet(port, "port", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) && n is 1 or 2
                ? n
                : throw new InventoryException($"{at}: \"port\" must be 1 or 2.");
            pipes[number - 1] = String(port, "pipe", at);
        }

        return new VmDeviceLayout(generation, drives, floppy, nics, [new SerialPortLayout(1, pipes[0]), new SerialPortLayout(2, pipes[1])]);
    }

    private static string? Disk(JsonElement drive, string at)
    {
        if (!TryGet(drive, "disk", out var disk))
        {
            return null;
        }

        return disk.ValueKind == JsonValueKind.Number && disk.TryGetInt32(out var n) && n >= 2
            ? n.ToString(CultureInfo.InvariantCulture)
            : throw new InventoryException($"{at}: \"disk\" must be a host disk number of 2 or more (0 and 1 hold the host's volumes).");
    }

    private static IEnumerable<(JsonElement Item, string Where)> Items(JsonElement vm, string field, string where)
    {
        if (!TryGet(vm, field, out var list))
        {
            yield break;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new InventoryException($"{where}: \"{field}\" must be an array.");
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"{where}.{field}[{i++}]";
            yield return item.ValueKind == JsonValueKind.Object ? (item, at) : throw new InventoryException($"{at}: expected an object.");
        }
    }

    private static bool TryGet(JsonElement element, string field, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, field, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? String(JsonElement element, string field, string where) =>
        !TryGet(element, field, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new InventoryException($"{where}: \"{field}\" must be a string.");

    private static bool? Bool(JsonElement element, string field, string where) =>
        !TryGet(element, field, out var value) ? null
        : value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InventoryException($"{where}: \"{field}\" must be true or false."),
        };
}
