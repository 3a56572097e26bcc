namespace HyperVLibvirt.Core.Lifecycle;

/// <summary>What a job is doing to which domain, so that a failure can say so.</summary>
/// <param name="Operation">The operation asked for.</param>
/// <param name="MethodName">The WMI method that started the job.</param>
/// <param name="DomainName">The domain's name.</param>
/// <param name="DomainUuid">The domain's UUID.</param>
/// <param name="ComputerName">The host.</param>
public sealed record JobContext(DomainOperation Operation, string MethodName, string DomainName, Guid DomainUuid, string ComputerName);
