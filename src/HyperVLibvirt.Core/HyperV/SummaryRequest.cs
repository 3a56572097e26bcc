using System.Globalization;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// The parts of a <c>Msvm_VirtualSystemManagementService.GetSummaryInformation</c> call (Microsoft's
/// documentation of the method): the service's selectors, the RequestedInformation codes Get-VM's columns
/// need, and SettingData as references to the VMs' realized Msvm_VirtualSystemSettingData.
/// </summary>
public static class SummaryRequest
{
    /// <summary>The method's name.</summary>
    public const string MethodName = "GetSummaryInformation";

    /// <summary>The class the method belongs to.</summary>
    public const string ServiceClass = "Msvm_VirtualSystemManagementService";

    /// <summary>
    /// How many VMs one call asks about. Each VM's answer is about 1.5 KB on the wire (its null properties are
    /// written too), so 100 stay well inside WinRM's default 500 KB envelope, and a 1,024-VM host is 11 calls.
    /// </summary>
    public const int MaxDomainsPerCall = 100;

    /// <summary>
    /// RequestedInformation: Name (0), ElementName (1), Version (10, Windows Server 2016 and later), EnabledState (100),
    /// ProcessorLoad (101), MemoryUsage (103), Heartbeat (104), Uptime (105), HealthState (109), OperationalStatus (110),
    /// StatusDescriptions (111) and ApplicationHealth (117). A host ignores codes it does not know.
    /// </summary>
    public static IReadOnlyList<string> RequestedInformation { get; } =
        new uint[] { 0, 1, 10, 100, 101, 103, 104, 105, 109, 110, 111, 117 }.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// The service's selectors: the two class names, a partial key that names the host's one management service
    /// (virt-who's hyperv.py invokes GetSummaryInformation so, and Windows accepts it), which spares a query for it.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ServiceSelectors { get; } =
    [
        new("CreationClassName", ServiceClass),
        new("SystemCreationClassName", "Msvm_ComputerSystem"),
    ];

    /// <summary>The method's input: SettingData (one reference per VM, repeated elements) and RequestedInformation.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> Parameters(string wmiNamespace, IEnumerable<Guid> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var settings = WmiNamespace.ClassUri(wmiNamespace, "Msvm_VirtualSystemSettingData");
        var references = domains
            .Select(uuid => new EndpointReference(settings, [new("InstanceID", SettingsInstanceId.ForRealizedSystem(uuid))]))
            .ToArray();
        return
        [
            new("SettingData", references),
            new("RequestedInformation", RequestedInformation),
        ];
    }
}
