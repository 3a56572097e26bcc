using System.Globalization;

namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// A named pipe for COM 1 or COM 2, which every VM has: libvirt's <c>&lt;serial type='pipe'&gt;</c> (hypervDomainAttachSerial
/// changes the port's Connection through ModifyResourceSettings; nothing is added).
/// </summary>
public sealed record SerialPortSpec : DeviceSpec
{
    /// <summary>The port: 1 (COM 1) or 2 (COM 2), libvirt's <c>&lt;target port&gt;</c>.</summary>
    public required int Port { get; init; }

    /// <summary>The pipe, for example <c>\\.\pipe\vm1-com1</c>; null disconnects the port (libvirt's path <c>-1</c>).</summary>
    public string? PipePath { get; init; }

    /// <inheritdoc/>
    public override string Describe() => PipePath is null
        ? string.Create(CultureInfo.InvariantCulture, $"COM {Port} (disconnected)")
        : string.Create(CultureInfo.InvariantCulture, $"COM {Port} on pipe '{PipePath}'");
}
