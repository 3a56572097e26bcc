using System.Management.Automation;
using System.Runtime.CompilerServices;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Domains;
using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Commands;

/// <summary>
/// <para type="synopsis">Gets the IP addresses guests report for their network adapters, as virsh domifaddr.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "HvDomainIPAddress", DefaultParameterSetName = "ByName")]
[OutputType(typeof(HvDomainAddress))]
public sealed class GetHvDomainIPAddressCommand : HvDomainReadCmdletBase
{
    /// <summary>Only addresses of this family.</summary>
    [Parameter]
    [ValidateSet("IPv4", "IPv6")]
    public string? Family { get; set; }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<object> ReadAsync(HvConnection connection, IReadOnlyList<HvDomain> domains, IWsManTrace trace,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var address in await new DomainAddressReader(connection, trace).ReadAsync(domains, cancellationToken).ConfigureAwait(false))
        {
            if (Family is null || string.Equals(address.Family, Family, StringComparison.OrdinalIgnoreCase))
            {
                yield return address;
            }
        }
    }
}
