namespace HyperVLibvirt.Core.WsMan;

/// <summary>Sealing or unsealing a message failed; the message never contains key material or message contents.</summary>
internal sealed class SessionCryptoException(string message) : Exception(message);
