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
    /// RequestedInformation on every host: Name (0), ElementName (1), EnabledState (100), ProcessorLoad (101),
    /// MemoryUsage (103), Heartbeat (104), Uptime (105), HealthState (109), OperationalStatus (110) and
    /// StatusDescriptions (111), the codes the v1 (Windows Server 2008 R2) and v2 documentation both list.
    /// </summary>
    public static IReadOnlyList<string> CommonInformation { get; } = Codes(0, 1, 100, 101, 103, 104, 105, 109, 110, 111);

    /// <summary>
    /// From Windows Server 2016 (version 10.0) on, also Version (10, "added in Windows 10 and Windows Server 2016")
    /// and ApplicationHealth (117): older hosts are not asked for codes their documentation does not list.
    /// </summary>
    public static IReadOnlyList<string> CurrentInformation { get; } = Codes(0, 1, 10, 100, 101, 103, 104, 105, 109, 110, 111, 117);

    /// <summary>The codes to ask a host running <paramref name="osVersion"/> (Win32_OperatingSystem.Version) for.</summary>
    public static IReadOnlyList<string> RequestedInformationFor(string? osVersion) =>
        Version.TryParse(osVersion, out var version) && version.Major >= 10 ? CurrentInformation : CommonInformation;

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
    public static IReadOnlyList<KeyValuePair<string, object?>> Parameters(string wmiNamespace, string? osVersion, IEnumerable<Guid> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var settings = WmiNamespace.ClassUri(wmiNamespace, "Msvm_VirtualSystemSettingData");
        var references = domains
            .Select(uuid => new EndpointReference(settings, [new("InstanceID", SettingsInstanceId.ForRealizedSystem(uuid))]))
            .ToArray();
        return
        [
            new("SettingData", references),
            new("RequestedInformation", RequestedInformationFor(osVersion)),
        ];
    }

    private static string[] Codes(params uint[] codes) => codes.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
}
