using System.Management.Automation;
using System.Xml;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the libvirt XML of Hyper-V networks, as virsh net-dumpxml prints it.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvNetworkXml", DefaultParameterSetName = ByName)]
[OutputType(typeof(string), typeof(XmlDocument))]
public sealed class GetHvNetworkXmlCommand : NetworkCmdletBase
{
    /// <summary>Write each network's XML as an XmlDocument instead of text.</summary>
    [Parameter]
    public SwitchParameter AsDocument { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() =>
        WriteNetworks(network => AsDocument ? network.ToXmlDocument() : network.ToXml(), "Get-HvNetworkXml");
}
