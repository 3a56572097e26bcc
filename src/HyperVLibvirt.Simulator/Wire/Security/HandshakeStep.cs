namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>How one handshake step ended.</summary>
internal enum HandshakeOutcome
{
    /// <summary>The context needs another token: answer 401 with this step's token.</summary>
    Continue,
    /// <summary>The context is established for <see cref="HandshakeStep.User"/>.</summary>
    Completed,
    /// <summary>Bad token, wrong password, unknown user, too many steps: answer 401 with the challenge list.</summary>
    Failed,
}

/// <summary>The result of feeding one client token to a connection's context.</summary>
/// <param name="Outcome">How the step ended.</param>
/// <param name="Token">The server's token to send back (challenge, or the final mutual-authentication token), if any.</param>
/// <param name="User">The authenticated user when completed.</param>
/// <param name="CloseConnection">Too many failures on this connection: close it after answering.</param>
internal readonly record struct HandshakeStep(HandshakeOutcome Outcome, byte[]? Token = null, string? User = null, bool CloseConnection = false);
