using System.Security;
using System.Text;

namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// Builds a VM's Msvm_KvpExchangeComponent: one per VM in every state, as Hyper-V has it, whose
/// GuestIntrinsicExchangeItems hold what the guest publishes (operating system, host name, integration
/// services version) while the VM runs with integration services, and nothing otherwise.
/// </summary>
/// <remarks>
/// The guest is derived from the VM's GUID alone, so the stock inventory's values stay as they are and each VM
/// always has the same guest. Items appear when the guest's data exchange service starts, which the simulator
/// places with its address report (<see cref="GuestState.HasAddresses"/>, after <see cref="HostSettings.GuestBoot"/>).
/// </remarks>
internal sealed class GuestInstanceFactory
{
    // A fixed id after the VM's in the DeviceID, in the Microsoft:<VM>\<id> shape the shutdown component has.
    private const string KvpDeviceId = "2A34B1C2-FD73-4043-8A5B-DD2159BC743F";
    private const string DomainSuffix = ".corp.example";
    private const string IntegrationServicesVersion = "10.0.17763.1";

    private static readonly GuestOs[] Guests =
    [
        new("Windows Server 2022 Datacenter", "10.0.20348", "20348", "10", "0", "8", "Windows"),
        new("Windows Server 2019 Standard", "10.0.17763", "17763", "10", "0", "7", "Windows"),
        new("Ubuntu 22.04.4 LTS", "5.15.0-105-generic", "0", "5", "15", "0", "Linux"),
    ];

    private readonly HostNamespace _ns;
    private readonly GuestBootTiming _timing;

    public GuestInstanceFactory(HostNamespace ns, GuestBootTiming timing)
    {
        _ns = ns;
        _timing = timing;
    }

    public CimInstance KvpComponent(VmRecord vm, DateTimeOffset now)
    {
        var c = _ns.New("Msvm_KvpExchangeComponent");
        var reporting = GuestState.HasAddresses(vm, now, _timing);
        c["CreationClassName"] = "Msvm_KvpExchangeComponent";
        c["DeviceID"] = VmInstanceFactory.SettingDataId(vm) + @"\" + KvpDeviceId;
        c["SystemCreationClassName"] = "Msvm_ComputerSystem";
        c["SystemName"] = vm.Name;
        c["Caption"] = "Key-Value Pair Exchange";
        c["Description"] = "Microsoft Key-Value Pair Exchange Component";
        c["ElementName"] = "Key-Value Pair Exchange";
        c["EnabledDefault"] = CimValues.UInt(2);
        c["EnabledState"] = CimValues.UInt(reporting ? 2u : 3u);
        c["RequestedState"] = CimValues.UInt(12);
        c["HealthState"] = CimValues.UInt(5);
        c["OperationalStatus"] = reporting ? CimValues.UIntArray(2) : null;
        c["StatusDescriptions"] = reporting ? CimValues.StringArray("OK") : null;
        c["GuestExchangeItems"] = reporting ? CimValues.StringArray() : null;
        c["GuestIntrinsicExchangeItems"] = reporting ? Items(vm) : null;
        return c;
    }

    private static IReadOnlyList<object> Items(VmRecord vm)
    {
        var os = GuestOf(vm);
        var items = new List<string>
        {
            Item("FullyQualifiedDomainName", HostNameOf(vm) + DomainSuffix),
            Item("OSName", os.Name),
            Item("OSVersion", os.Version),
            Item("CSDVersion", string.Empty),
            Item("OSMajorVersion", os.Major),
            Item("OSMinorVersion", os.Minor),
            Item("OSBuildNumber", os.Build),
            Item("OSPlatformId", "2"),
            Item("ServicePackMajor", "0"),
            Item("ServicePackMinor", "0"),
            Item("SuiteMask", "272"),
            Item("ProductType", "3"),
            Item("OSEditionId", os.Edition),
            Item("ProcessorArchitecture", "9"),
            Item("IntegrationServicesVersion", IntegrationServicesVersion),
        };
        if (os.Family == "Linux")
        {
            items.Add(Item("OSDistributionName", "Ubuntu"));
            items.Add(Item("OSKernelVersion", os.Version));
        }
        return CimValues.StringArray(items.ToArray());
    }

    private static GuestOs GuestOf(VmRecord vm) => Guests[vm.Spec.Id.ToByteArray().Sum(b => b) % Guests.Length];

    // A DNS label from the VM's name: letters, digits and hyphens, at most 15 characters (a NetBIOS name).
    private static string HostNameOf(VmRecord vm)
    {
        var label = new StringBuilder();
        foreach (var c in vm.Spec.Name.ToLowerInvariant())
        {
            if (label.Length == 15)
            {
                break;
            }
            label.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return label.Length == 0 ? "guest" : label.ToString().Trim('-');
    }

    // One Msvm_KvpExchangeDataItem as DMTF CIM-XML (DSP0201), the text WMI puts in the array; Source 2 = guest intrinsic.
    private static string Item(string name, string data) =>
        "<INSTANCE CLASSNAME=\"Msvm_KvpExchangeDataItem\">"
        + "<PROPERTY NAME=\"Caption\" PROPAGATED=\"true\" TYPE=\"string\"></PROPERTY>"
        + "<PROPERTY NAME=\"Data\" TYPE=\"string\"><VALUE>" + SecurityElement.Escape(data) + "</VALUE></PROPERTY>"
        + "<PROPERTY NAME=\"Description\" PROPAGATED=\"true\" TYPE=\"string\"></PROPERTY>"
        + "<PROPERTY NAME=\"ElementName\" PROPAGATED=\"true\" TYPE=\"string\"></PROPERTY>"
        + "<PROPERTY NAME=\"Name\" TYPE=\"string\"><VALUE>" + SecurityElement.Escape(name) + "</VALUE></PROPERTY>"
        + "<PROPERTY NAME=\"Source\" TYPE=\"uint16\"><VALUE>2</VALUE></PROPERTY>"
        + "</INSTANCE>";

    private sealed record GuestOs(string Name, string Version, string Build, string Major, string Minor, string Edition, string Family);
}
