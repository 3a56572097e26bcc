using HyperVLibvirt.Core.HyperV;

namespace HyperVLibvirt.Core.Keyboard;

/// <summary>Keys could not be sent to a domain; the message says why and what to do.</summary>
public sealed class HvKeyboardException : HvHostException
{
    /// <summary>A failure of <paramref name="reason"/> for the domain, with the host's return code when it gave one.</summary>
    public HvKeyboardException(KeyboardFailure reason, string domainName, Guid domainUuid, string message, uint? returnCode = null)
        : base(message)
    {
        Reason = reason;
        DomainName = domainName;
        DomainUuid = domainUuid;
        ReturnCode = returnCode;
    }

    /// <summary>Why.</summary>
    public KeyboardFailure Reason { get; }

    /// <summary>The domain's name.</summary>
    public string DomainName { get; }

    /// <summary>The domain's UUID.</summary>
    public Guid DomainUuid { get; }

    /// <summary>The method's return code, when the host refused.</summary>
    public uint? ReturnCode { get; }
}
