namespace HyperVLibvirt.Core.Uris;

/// <summary>How the WS-Man endpoint is reached, as chosen by the URI's <c>transport</c> parameter.</summary>
public enum HvTransport
{
    /// <summary>HTTPS, libvirt's default (port 5986).</summary>
    Https,

    /// <summary>Plain HTTP (port 5985); WinRM must allow unencrypted traffic unless message encryption is used.</summary>
    Http,
}
