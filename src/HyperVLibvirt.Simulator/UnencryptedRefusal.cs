namespace HyperVLibvirt.Simulator;

/// <summary>How a plaintext HTTP request is refused when unencrypted traffic is not allowed (both happen on real hosts).</summary>
public enum UnencryptedRefusal
{
    /// <summary>401 with the challenge headers and an empty body (Basic over HTTP).</summary>
    Status401,
    /// <summary>500 with an empty body (authenticated but unencrypted SOAP).</summary>
    Status500,
}
