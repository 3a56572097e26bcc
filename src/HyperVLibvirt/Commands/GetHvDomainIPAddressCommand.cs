using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the IP addresses guests report for their network adapters, as virsh domifaddr.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvDomainIPAddress", DefaultParameterSetName = "ByName")]
[OutputType(typeof(HvDomainAddress))]
public sealed class GetHvDomainIPAddressCommand : HvDomainTargetCmdletBase
{
    /// <summary>Only addresses of this family.</summary>
    [Parameter]
    [ValidateSet("IPv4", "IPv6")]
    public string? Family { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var byHost = TargetsByHost.ToDictionary(t => t.Connection, t => t.Domains);
        if (byHost.Count == 0)
        {
            return;
        }
        var trace = TraceSink;
        StreamFromConnections(byHost.Keys.ToArray(), (connection, token) => ReadAsync(new DomainAddressReader(connection, trace), byHost[connection], token));
    }

    private async IAsyncEnumerable<HvDomainAddress> ReadAsync(DomainAddressReader reader, IReadOnlyList<HvDomain> domains,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        foreach (var address in await reader.ReadAsync(domains, token).ConfigureAwait(false))
        {
            if (Family is null || string.Equals(address.Family, Family, StringComparison.OrdinalIgnoreCase))
            {
                yield return address;
            }
        }
    }
}
