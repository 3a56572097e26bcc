namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// Reads the InstanceID shapes Hyper-V gives setting data: a VSSD is <c>Microsoft:&lt;GUID&gt;</c>
/// (the VM GUID for realized settings, the snapshot's for checkpoints); its components are
/// <c>Microsoft:&lt;same GUID&gt;\&lt;setting GUID&gt;[\…]</c>, e.g. memory
/// <c>Microsoft:&lt;VM&gt;\4764334d-e001-4176-82ee-5594ec9b530e</c>, processor
/// <c>Microsoft:&lt;VM&gt;\b637f346-6a0e-4dec-af52-bd70cb80a21d\0</c>.
/// </summary>
public static class SettingsInstanceId
{
    private const string Prefix = "Microsoft:";

    /// <summary>
    /// The InstanceID of the VSSD a component setting belongs to (the part before the first
    /// backslash), or null when the id has no backslash.
    /// </summary>
    public static string? OwnerOf(string? componentInstanceId)
    {
        var slash = componentInstanceId?.IndexOf('\\') ?? -1;
        return slash > 0 ? componentInstanceId![..slash] : null;
    }

    /// <summary>The GUID in a <c>Microsoft:&lt;GUID&gt;</c> VSSD InstanceID, or null for any other shape.</summary>
    public static Guid? GuidOf(string? systemSettingsInstanceId)
    {
        if (systemSettingsInstanceId is null || !systemSettingsInstanceId.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return Guid.TryParse(systemSettingsInstanceId.AsSpan(Prefix.Length), out var guid) ? guid : null;
    }

    /// <summary>The InstanceID Hyper-V gives a VM's realized settings: <c>Microsoft:&lt;GUID upper case&gt;</c>.</summary>
    public static string ForRealizedSystem(Guid vm) => Prefix + vm.ToString("D").ToUpperInvariant();
}
