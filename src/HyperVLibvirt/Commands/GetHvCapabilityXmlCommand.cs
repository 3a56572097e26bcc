using System.Management.Automation;
using System.Xml;
using HyperVLibvirt.Core.Node;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets libvirt's capabilities XML for hosts (virsh capabilities).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvCapabilityXml")]
[OutputType(typeof(string), typeof(XmlDocument))]
public sealed class GetHvCapabilityXmlCommand : HvConnectedCmdletBase
{
    /// <summary>Return an XmlDocument instead of the text.</summary>
    [Parameter]
    public SwitchParameter AsDocument { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var trace = TraceSink;
        var asDocument = AsDocument.IsPresent;
        ForEachConnection(ResolveConnections(), async (connection, token) =>
        {
            var xml = await new NodeService(connection, trace).GetCapabilitiesXmlAsync(token).ConfigureAwait(false);
            if (!asDocument)
            {
                return (object)xml;
            }
            var document = new XmlDocument { XmlResolver = null };
            document.LoadXml(xml);
            return document;
        });
    }
}
