using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Loads a VM inventory from JSON (schema in INVENTORY.md). Every problem is reported as an
/// <see cref="InventoryException"/> naming the file, the VM and the field.
/// </summary>
public static class InventoryFile
{
    private static readonly Dictionary<string, ushort> StateNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["running"] = EnabledStates.Enabled,
        ["off"] = EnabledStates.Disabled,
        ["saved"] = EnabledStates.EnabledButOffline,
        ["paused"] = EnabledStates.Quiesce,
        ["starting"] = EnabledStates.StartingV1,
        ["shuttingdown"] = EnabledStates.ShuttingDown,
        ["snapshotting"] = EnabledStates.Snapshotting,
        ["migrating"] = EnabledStates.Migrating,
        ["saving"] = EnabledStates.Saving,
        ["stopping"] = EnabledStates.Stopping,
        ["pausing"] = EnabledStates.Pausing,
        ["resuming"] = EnabledStates.Resuming,
    };

    private static readonly HashSet<string> KnownFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "id", "state", "vcpus", "memoryMB", "maxMemoryMB", "dynamicMemory", "autostart",
        "processId", "integrationServices", "notes", "failJobs", "refuseStateChange",
        "generation", "drives", "floppy", "nics", "serial",
    };

    /// <summary>Reads and validates an inventory file.</summary>
    public static IReadOnlyList<VirtualMachineSpec> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InventoryException($"Cannot read inventory file '{path}': {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses inventory JSON; <paramref name="source"/> names it in error messages.</summary>
    public static IReadOnlyList<VirtualMachineSpec> Parse(string json, string source = "inventory")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InventoryException($"{source}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var list = root.ValueKind switch
            {
                JsonValueKind.Array => root,
                JsonValueKind.Object when root.TryGetProperty("vms", out var vms) && vms.ValueKind == JsonValueKind.Array => vms,
                _ => throw new InventoryException($"{source}: expected an object with a \"vms\" array (or a bare array of VMs)."),
            };

            var result = new List<VirtualMachineSpec>();
            // Names may repeat, as on real Hyper-V; ids may not (a derived id repeats with its name).
            var ids = new HashSet<Guid>();
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var where = $"{source}: vms[{index}]";
                var vm = ParseVm(element, where);
                if (!ids.Add(vm.Id))
                {
                    throw new InventoryException(
                        $"{where}: duplicate id '{vm.Id}' (VMs that share a name need explicit, different \"id\" values).");
                }

                result.Add(vm);
                index++;
            }

            return result;
        }
    }

    private static VirtualMachineSpec ParseVm(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InventoryException($"{where}: expected an object.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                throw new InventoryException($"{where}: unknown field \"{property.Name}\" (known: {string.Join(", ", KnownFields)}).");
            }
        }

        var name = GetString(element, "name", where) ?? throw new InventoryException($"{where}: \"name\" is required.");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InventoryException($"{where}: \"name\" must not be empty.");
        }

        var idText = GetString(element, "id", where);
        Guid id;
        if (idText is null)
        {
            id = GuidFromName(name);
        }
        else if (!Guid.TryParse(idText, out id))
        {
            throw new InventoryException($"{where}: \"id\" '{idText}' is not a GUID.");
        }

        var memory = GetUnsigned(element, "memoryMB", where) ?? 1024;
        var maxMemory = GetUnsigned(element, "maxMemoryMB", where) ?? memory;
        if (maxMemory < memory)
        {
            throw new InventoryException($"{where}: \"maxMemoryMB\" ({maxMemory}) is less than \"memoryMB\" ({memory}).");
        }

        var vcpus = GetUnsigned(element, "vcpus", where) ?? 1;
        if (vcpus is 0 or > 2048)
        {
            throw new InventoryException($"{where}: \"vcpus\" must be between 1 and 2048.");
        }

        var processId = GetUnsigned(element, "processId", where);
        if (processId > uint.MaxValue)
        {
            throw new InventoryException($"{where}: \"processId\" is too large.");
        }

        return new VirtualMachineSpec(
            id,
            name,
            GetState(element, where),
            (int)vcpus,
            memory,
            maxMemory,
            GetBool(element, "dynamicMemory", where) ?? maxMemory > memory,
            GetBool(element, "autostart", where) ?? false,
            (uint?)processId,
            GetBool(element, "integrationServices", where) ?? true,
            GetString(element, "notes", where),
            GetBool(element, "failJobs", where) ?? false,
            GetUnsigned(element, "refuseStateChange", where) is { } code and <= uint.MaxValue ? (uint)code : null,
            InventoryDevices.Parse(element, where, id));
    }

    private static ushort GetState(JsonElement element, string where)
    {
        if (!TryGet(element, "state", out var value))
        {
            return EnabledStates.Disabled;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt16(out var number))
        {
            // Accept v1 numbers too, and store the model's (v2) value.
            var state = EnabledStates.FromNamespace(number, v1: true);
            if (!EnabledStates.V2States.Contains(state))
            {
                throw new InventoryException($"{where}: \"state\" {number} is not a VM state ({string.Join(", ", EnabledStates.V2States)}).");
            }

            return state;
        }

        if (value.ValueKind == JsonValueKind.String && StateNames.TryGetValue(value.GetString()!.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal), out var named))
        {
            return named;
        }

        throw new InventoryException($"{where}: \"state\" must be one of {string.Join(", ", StateNames.Keys)} or an EnabledState number.");
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

    private static string? GetString(JsonElement element, string field, string where)
    {
        if (!TryGet(element, field, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InventoryException($"{where}: \"{field}\" must be a string.");
    }

    private static ulong? GetUnsigned(JsonElement element, string field, string where)
    {
        if (!TryGet(element, field, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number)
            ? number
            : throw new InventoryException($"{where}: \"{field}\" must be a non-negative integer.");
    }

    private static bool? GetBool(JsonElement element, string field, string where)
    {
        if (!TryGet(element, field, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InventoryException($"{where}: \"{field}\" must be true or false."),
        };
    }

    // A VM without an id gets a stable one derived from its name.
    private static Guid GuidFromName(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("vm:" + name.ToUpper(CultureInfo.InvariantCulture)))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
