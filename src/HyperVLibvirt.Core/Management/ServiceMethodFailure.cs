using HyperVLibvirt.Core.Lifecycle;

namespace HyperVLibvirt.Core.Management;

/// <summary>
/// A service method's failure, neutral of who called it: each caller turns it into its own exception
/// (its ErrorIds and messages), through the callback it gives <see cref="ServiceMethod"/>.
/// </summary>
/// <param name="Fault">What went wrong.</param>
/// <param name="Method">The method invoked.</param>
/// <param name="ReturnValue">The host's return code, for <see cref="ServiceMethodFault.Refused"/>.</param>
/// <param name="Context">The operation and domain the call was for.</param>
internal sealed record ServiceMethodFailure(ServiceMethodFault Fault, string Method, uint? ReturnValue, JobContext Context);
