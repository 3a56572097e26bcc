using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.DomainXml;

/// <summary>Serial ports as libvirt's hypervDomainDefParseSerial (src/hyperv/hyperv_driver.c) reads them.</summary>
internal static class SerialPorts
{
    public static List<SerialDefinition> Map(IEnumerable<CimObject> settings)
    {
        var serials = new List<SerialDefinition>();
        foreach (var port in settings)
        {
            if (port.GetUInt64("ResourceType") != ResourceTypes.SerialPort)
            {
                continue;
            }
            // The port number is the fifth character of ElementName ("COM 1"); anything below 1 is skipped.
            var name = port.GetString("ElementName");
            var number = name is { Length: > 4 } ? name[4] - '0' : 0;
            if (number < 1)
            {
                continue;
            }
            // An unconnected port has no Connection: libvirt writes the pipe path "-1".
            var connection = port.GetArray("Connection") is { Count: > 0 } items ? items[0].AsString() : null;
            serials.Add(new SerialDefinition(number, connection ?? "-1"));
        }
        return serials;
    }
}
