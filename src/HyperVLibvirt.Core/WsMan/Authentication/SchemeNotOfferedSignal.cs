namespace HyperVLibvirt.Core.WsMan;

/// <summary>Inside the transport: the host's 401 does not list the scheme tried; Default then picks another, others fail.</summary>
internal sealed class SchemeNotOfferedSignal(string scheme, List<string> offered) : Exception($"{scheme} is not offered.")
{
    public string Scheme { get; } = scheme;

    public List<string> Offered { get; } = offered;
}
