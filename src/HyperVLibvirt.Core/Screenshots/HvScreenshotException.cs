using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Screenshots;

/// <summary>A domain's screenshot could not be taken; the message says why and what to do.</summary>
public sealed class HvScreenshotException : HvHostException
{
    /// <summary>Creates the exception.</summary>
    public HvScreenshotException(ScreenshotFailure failure, string domainName, Guid domainUuid, string message, uint? returnValue = null)
        : base(message)
    {
        Failure = failure;
        DomainName = domainName;
        DomainUuid = domainUuid;
        ReturnValue = returnValue;
    }

    /// <summary>Why.</summary>
    public ScreenshotFailure Failure { get; }

    /// <summary>The domain's name.</summary>
    public string DomainName { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid DomainUuid { get; }

    /// <summary>The host's return code, when it refused.</summary>
    public uint? ReturnValue { get; }
}
