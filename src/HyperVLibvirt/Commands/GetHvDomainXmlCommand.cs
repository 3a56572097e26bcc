using System.Management.Automation;
using System.Xml;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.DomainXml;
using HyperVLibvirt.Core.HyperV;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the libvirt domain XML of Hyper-V virtual machines, as virsh dumpxml prints it.</para>
/// </summary>
/// <remarks>
/// Domains are collected from every input first, then each host is read in one batch (a fixed handful of
/// queries however many domains), and the XML streams out per domain.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "HvDomainXml", DefaultParameterSetName = "ByName")]
[OutputType(typeof(string), typeof(XmlDocument))]
public sealed class GetHvDomainXmlCommand : HvDomainBatchCmdletBase
{
    /// <summary>Emit an XmlDocument per domain instead of its text.</summary>
    [Parameter]
    public SwitchParameter AsDocument { get; set; }

    /// <summary>Format as virsh dumpxml --inactive: no id on running domains.</summary>
    [Parameter]
    public SwitchParameter Inactive { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Get-HvDomainXml";

    private protected override async IAsyncEnumerable<object> Results(HvConnection connection, DomainFilter filter, DomainSelection selection,
        IWsManTrace trace, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        var problems = new Queue<DomainReadProblem>();
        var asDocument = AsDocument.IsPresent;
        await foreach (var result in new DomainXmlService(connection, trace).GetAsync(filter, Inactive.IsPresent, problems.Enqueue, token).ConfigureAwait(false))
        {
            while (problems.TryDequeue(out var problem))
            {
                yield return StreamNotice.ForProblem(problem, connection.ComputerName);
            }
            selection.Saw(result.Domain);
            if (result.Error is { } error)
            {
                yield return XmlUnavailable(error, result.Domain);
                continue;
            }
            yield return asDocument ? ToDocument(result.Xml!) : result.Xml!;
        }
        while (problems.TryDequeue(out var problem))
        {
            yield return StreamNotice.ForProblem(problem, connection.ComputerName);
        }
    }

    private static XmlDocument ToDocument(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        return document;
    }
}
