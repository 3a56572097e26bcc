namespace HyperVLibvirt.Core.WsMan;

/// <summary>Inside the transport: Default's first leg was answered 200 with no challenge; the host wants no authentication.</summary>
internal sealed class NoAuthenticationSignal() : Exception("The host answered without asking for authentication.");
