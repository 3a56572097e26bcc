using System.Management.Automation;
using HyperVLibvirt.Core.Connection;
using HyperVLibvirt.Core.Networks;

namespace HyperVLibvirt.Commands;

/// <summary>
/// The selection the network cmdlets share: <c>-Name</c> (wildcards, completion, from the pipeline as
/// strings or by property name) or <c>-Uuid</c>, on the connections of <c>-Connection</c> or the default
/// one; one query per host; an error for every exact name or UUID no host has.
/// </summary>
public abstract class NetworkCmdletBase : HvConnectedCmdletBase
{
    /// <summary>The parameter set of -Name.</summary>
    protected const string ByName = "ByName";

    /// <summary>The parameter set of -Uuid.</summary>
    protected const string ByUuid = "ByUuid";

    /// <summary>Network (virtual switch) names; wildcards allowed. From the pipeline as strings or objects with a Name.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.NetworkNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Network UUIDs (the switches' Name).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByUuid)]
    public Guid[]? Uuid { get; set; }

    /// <summary>Writes <paramref name="map"/> of every selected network, as each host answers, then the errors for names no host had.</summary>
    protected void WriteNetworks(Func<HvNetwork, object> map, string activity)
    {
        if (Name is not null && Name.Any(string.IsNullOrWhiteSpace))
        {
            WriteError(ErrorRecords.Create("A network name cannot be empty.", "EmptyNetworkName", ErrorCategory.InvalidArgument, Name,
                "Pass a name or a wildcard such as 'Ext*', or omit -Name to get every network."));
            return;
        }
        var selection = new NetworkSelection(Name, Uuid);
        var filter = selection.ToFilter();
        var trace = TraceSink;
        StreamFromConnections(ResolveConnections(), (connection, token) => Read(new NetworkService(connection, trace), filter, selection, map, token), activity);
        foreach (var missing in selection.Missing())
        {
            WriteError(missing);
        }
    }

    private static async IAsyncEnumerable<object> Read(NetworkService service, NetworkFilter filter, NetworkSelection selection, Func<HvNetwork, object> map,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        await foreach (var network in service.GetNetworksAsync(filter, token).ConfigureAwait(false))
        {
            selection.Saw(network);
            yield return map(network);
        }
    }
}
