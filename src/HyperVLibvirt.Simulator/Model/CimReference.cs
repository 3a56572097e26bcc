namespace HyperVLibvirt.Simulator.Model;

/// <summary>A reference to an instance: its class resource URI and key selectors.</summary>
public sealed record CimReference(string ResourceUri, IReadOnlyList<KeyValuePair<string, string>> Selectors);
