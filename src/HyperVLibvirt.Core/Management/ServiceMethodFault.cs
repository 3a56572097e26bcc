namespace HyperVLibvirt.Core.Management;

/// <summary>How a service method failed before any job could be waited for.</summary>
internal enum ServiceMethodFault
{
    /// <summary>The answer had no ReturnValue.</summary>
    NoReturnValue,

    /// <summary>The host refused: ReturnValue was neither 0 (done) nor 4096 (job started).</summary>
    Refused,

    /// <summary>ReturnValue was 4096, but the answer had no Job reference with an InstanceID.</summary>
    NoJobInstance,
}
