using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Xml;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the libvirt domain XML of Hyper-V virtual machines, as virsh dumpxml prints it.</para>
/// </summary>
/// <remarks>
/// Domains are collected from every input first and listed once per host (piped ones again: the XML shows their id and
/// state now), then each host's settings are read in one batch (a fixed handful of queries however many domains), and
/// the XML streams out per domain.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "HvDomainXml", DefaultParameterSetName = "ByName")]
[OutputType(typeof(string), typeof(XmlDocument))]
public sealed class GetHvDomainXmlCommand : HvDomainReadCmdletBase
{
    /// <summary>Emit an XmlDocument per domain instead of its text.</summary>
    [Parameter]
    public SwitchParameter AsDocument { get; set; }

    /// <summary>Format as virsh dumpxml --inactive: no id on running domains.</summary>
    [Parameter]
    public SwitchParameter Inactive { get; set; }

    private protected override PipedDomainUse PipedUse => PipedDomainUse.ReadAgain;

    private protected override string? ProgressActivity => "Get-HvDomainXml";

    /// <inheritdoc />
    protected override async IAsyncEnumerable<object> ReadAsync(HvConnection connection, IReadOnlyList<HvDomain> domains, IWsManTrace trace,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var asDocument = AsDocument.IsPresent;
        await foreach (var result in new DomainXmlService(connection, trace).GetAsync(domains, Inactive.IsPresent, cancellationToken).ConfigureAwait(false))
        {
            if (result.Error is { } error)
            {
                yield return DomainXmlUnavailable.For(error, result.Domain);
                continue;
            }
            yield return asDocument ? ToDocument(result.Xml!) : result.Xml!;
        }
    }

    private static XmlDocument ToDocument(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        return document;
    }
}
