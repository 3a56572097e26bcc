namespace HyperVLibvirt.Simulator;

/// <summary>How a plaintext HTTP request is refused when unencrypted traffic is not allowed (each happens on real hosts).</summary>
public enum UnencryptedRefusal
{
    /// <summary>401 with the challenge headers and an empty body, whatever the scheme.</summary>
    Status401,
    /// <summary>500 with an empty body, whatever the scheme.</summary>
    Status500,
    /// <summary>
    /// As WinRM does (wsman-wire spec 1.4): Basic over HTTP gets 401; plaintext SOAP on a
    /// connection authenticated by Negotiate or Kerberos gets 500 with an empty body.
    /// </summary>
    AsWindows,
}
