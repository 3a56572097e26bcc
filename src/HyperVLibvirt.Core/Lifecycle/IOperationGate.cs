using HyperVLibvirt.Core.WsMan;

namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>
/// How <see cref="DomainLifecycle"/> sends its WS-Man operations and reads its jobs: alone, straight through;
/// in a batch, through the host's lane, which bounds the operations in flight on that host and reads the
/// jobs of many domains together.
/// </summary>
internal interface IOperationGate
{
    /// <summary>Runs one WS-Man operation (or a short fixed sequence of them) once the host admits it.</summary>
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken);

    /// <summary>Reads the Msvm_ConcreteJob with this InstanceID; null when the host has no such job.</summary>
    Task<CimObject?> ReadJobAsync(string instanceId, CancellationToken cancellationToken);
}
