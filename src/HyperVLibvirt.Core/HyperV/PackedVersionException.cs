using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// The host's <c>Win32_OperatingSystem.Version</c> could not be turned into a hypervisor version.
/// The message is libvirt's text, word for word.
/// </summary>
public sealed class PackedVersionException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public PackedVersionException(string message, string versionText)
        : base(DisplayText.Neutralize(message))
    {
        VersionText = versionText;
    }

    /// <summary>The version string that was rejected.</summary>
    public string VersionText { get; }
}
