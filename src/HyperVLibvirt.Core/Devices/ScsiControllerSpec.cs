using System.Globalization;

namespace HyperVLibvirt.Core.Devices;

/// <summary>
/// A new synthetic SCSI controller: libvirt's <c>&lt;controller type='scsi'&gt;</c> (hypervDomainCreateSCSIController).
/// Hyper-V numbers controllers in the order they were added; <see cref="Index"/>, when given, must be the number the new one gets.
/// </summary>
public sealed record ScsiControllerSpec : DeviceSpec
{
    /// <summary>The index the XML gives (<c>index='n'</c>); null: the next.</summary>
    public int? Index { get; init; }

    /// <inheritdoc/>
    public override string Describe() =>
        Index is { } i ? string.Create(CultureInfo.InvariantCulture, $"SCSI controller {i}") : "SCSI controller";
}
