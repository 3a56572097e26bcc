namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>An encrypted request body that cannot be opened; carries the HTTP status to answer with.</summary>
internal sealed class EncryptedBodyException(int status, string message) : Exception(message)
{
    /// <summary>400 (malformed or not decryptable), 413 (too large) or 415 (an encryption protocol we do not speak).</summary>
    public int Status { get; } = status;
}
