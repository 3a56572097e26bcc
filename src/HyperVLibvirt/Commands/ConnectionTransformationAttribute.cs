using System.Collections;
using System.Management.Automation;
using HyperVLibvirt.Core.Connection;

namespace HyperVLibvirt.Commands;

/// <summary>
/// Lets objects that carry only the identity of their connection (domains: <c>ConnectionId</c>) bind to
/// <c>-Connection</c> by property name: each id becomes the connection it names, found in the module's
/// connection store. A connection that was closed stays closed, and using it says so.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ConnectionTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is Guid id)
        {
            return Resolve(id);
        }
        if (value is IEnumerable items and not string)
        {
            var resolved = new List<object?>();
            foreach (var item in items)
            {
                var inner = item is PSObject p ? p.BaseObject : item;
                resolved.Add(inner is Guid g ? Resolve(g) : item);
            }
            return resolved.ToArray();
        }
        return inputData;
    }

    private static HvConnection Resolve(Guid id) =>
        ConnectionStore.Find(id) ?? throw new ArgumentTransformationMetadataException(
            $"The connection {id} these objects came from is closed. Connect again with Connect-HvLibvirt and read them again.");
}
