using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Definition;

/// <summary>
/// A define that did not happen or was undone. <see cref="Exception.InnerException"/> is the first failure (the host's
/// refusal, a failed job, a cancellation); the message says whether anything remains on the host.
/// </summary>
public sealed class HvDefineException : HvHostException
{
    /// <summary>Creates the exception.</summary>
    public HvDefineException(DefineFailure reason, string domainName, Guid? domainUuid, string message, Exception? innerException = null,
        string? recommendedAction = null)
        : base(message, innerException)
    {
        Reason = reason;
        DomainName = domainName;
        DomainUuid = domainUuid;
        RecommendedAction = recommendedAction;
    }

    /// <summary>What went wrong; its name is the ErrorId.</summary>
    public DefineFailure Reason { get; }

    /// <summary>The name the domain was to have.</summary>
    public string DomainName { get; }

    /// <summary>The new domain's UUID once the host made it (or the one asked for); null before.</summary>
    public Guid? DomainUuid { get; }

    /// <summary>What the user can do about it.</summary>
    public string? RecommendedAction { get; }

    /// <summary>Whether a domain the define made is still on the host.</summary>
    public bool Remains => Reason == DefineFailure.DefineUndoFailed;
}
