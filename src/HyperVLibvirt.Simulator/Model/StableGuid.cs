using System.Security.Cryptography;
using System.Text;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// GUIDs that real hosts pick at random (device, port and switch ids) made stable here: a
/// version-4-shaped GUID from the SHA-256 of a text naming the thing, so the same VM or host
/// always shows the same ids.
/// </summary>
internal static class StableGuid
{
    public static Guid From(string text)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    /// <summary>Upper case, as Hyper-V writes GUIDs inside InstanceIDs.</summary>
    public static string UpperFrom(string text) => From(text).ToString("D").ToUpperInvariant();
}
