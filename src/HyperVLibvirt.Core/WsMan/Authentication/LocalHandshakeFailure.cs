namespace HyperVLibvirt.Core.WsMan;

/// <summary>Inside the handshake: this machine could not produce a token; <see cref="Mapped"/> is what the user sees.</summary>
internal sealed class LocalHandshakeFailure(WsManAuthenticationException mapped, bool beforeFirstToken) : Exception(mapped.Message, mapped)
{
    public WsManAuthenticationException Mapped { get; } = mapped;

    /// <summary>Nothing was sent yet, so another package may still be tried on the same connection.</summary>
    public bool BeforeFirstToken { get; } = beforeFirstToken;
}
