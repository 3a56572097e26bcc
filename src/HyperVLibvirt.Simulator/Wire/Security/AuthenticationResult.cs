namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>What authentication decided for one request.</summary>
/// <param name="Answered">A response (401, 500, the end of a handshake) has been set up; serve nothing more.</param>
/// <param name="User">The authenticated user when not answered.</param>
/// <param name="ByContext">The user comes from the connection's Negotiate/Kerberos context (not Basic).</param>
/// <param name="FinalToken">A <c>WWW-Authenticate</c> value to add to the response (the handshake's last token).</param>
/// <param name="IsFault">Whether the answer counts as a failed request in the statistics.</param>
internal readonly record struct AuthenticationResult(bool Answered, string? User = null, bool ByContext = false, string? FinalToken = null, bool IsFault = true)
{
    /// <summary>A response was written.</summary>
    public static AuthenticationResult Done(bool isFault = true) => new(true, IsFault: isFault);
}
