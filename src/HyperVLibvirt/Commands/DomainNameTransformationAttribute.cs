using System.Management.Automation;
using HyperVLibvirt.Core.Connection;

namespace HyperVLibvirt.Commands;

/// <summary>
/// Keeps a connection piped into a domain cmdlet from also binding to <c>-Name</c>:
/// PowerShell binds it to <c>-Connection</c> and then coerces it to its URI string for
/// <c>-Name</c> too. A connection becomes "no names" here (every domain of that host);
/// throwing instead would surface as a binding error.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DomainNameTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is HvConnection ? Array.Empty<string>() : inputData;
    }
}
