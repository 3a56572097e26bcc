using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Domains;

/// <summary>A domain did not reach what was awaited; <see cref="Reason"/> says why, the message what to do.</summary>
public sealed class HvWaitException : HvHostException
{
    /// <summary>Creates the exception.</summary>
    public HvWaitException(WaitFailure reason, string domainName, Guid domainUuid, string message, string recommendedAction)
        : base(message)
    {
        Reason = reason;
        DomainName = domainName;
        DomainUuid = domainUuid;
        RecommendedAction = recommendedAction;
    }

    /// <summary>Why the wait ended.</summary>
    public WaitFailure Reason { get; }

    /// <summary>The domain's name.</summary>
    public string DomainName { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid DomainUuid { get; }

    /// <summary>What the user can do.</summary>
    public string RecommendedAction { get; }
}
