using System.Globalization;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>
/// Network adapters as libvirt's hypervDomainDefParseEthernetAdapter (src/hyperv/hyperv_driver.c) reads them:
/// each connected Msvm_EthernetPortAllocationSettingData, its Parent port setting's MAC, and the Name of the
/// switch its HostResource names as the bridge. libvirt fetches both per adapter (<c>WHERE __PATH = …</c>);
/// here they come from host-wide batches.
/// </summary>
internal static class NetworkInterfaces
{
    public static List<InterfaceDefinition> Map(DomainSettings settings)
    {
        var interfaces = new List<InterfaceDefinition>();
        foreach (var port in settings.PortAllocations)
        {
            // Not connected (no switch, or disabled): libvirt adds nothing for it.
            var hostResource = port.GetArray("HostResource") is { Count: > 0 } items ? items[0].AsString() : null;
            if (string.IsNullOrEmpty(hostResource) || port.GetUInt64("EnabledState") == ResourceTypes.PortDisabled)
            {
                continue;
            }
            var adapter = DeviceParent.Find(port.GetString("Parent"), settings.EthernetPortSettings)
                ?? throw new DomainXmlException(settings.Domain.Name, "Could not retrieve NIC settings");
            var mac = FormatMac(adapter.GetString("Address"))
                ?? throw new DomainXmlException(settings.Domain.Name, $"the adapter '{adapter.GetString("ElementName")}' has no readable MAC address ('{adapter.GetString("Address")}')");
            var switchName = WmiPath.KeyValue(hostResource, "Name");
            var vswitch = settings.Switches.FirstOrDefault(s => string.Equals(s.GetString("Name"), switchName, StringComparison.OrdinalIgnoreCase))
                ?? throw new DomainXmlException(settings.Domain.Name, "Could not retrieve virtual switch");
            interfaces.Add(new InterfaceDefinition(mac, vswitch.GetString("Name") ?? string.Empty));
        }
        return interfaces;
    }

    /// <summary>Hyper-V's 12 hex digits (<c>00155D012A0B</c>) as libvirt prints a MAC (<c>00:15:5d:01:2a:0b</c>); null when not 12 hex digits.</summary>
    public static string? FormatMac(string? address)
    {
        if (address is not { Length: 12 } || !ulong.TryParse(address, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }
        return string.Join(':', Enumerable.Range(0, 6).Select(i => address.Substring(i * 2, 2).ToLowerInvariant()));
    }
}
