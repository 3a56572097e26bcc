namespace HyperVLibvirt.Simulator.Wql;

/// <summary>What a query can see besides the instances: the host name for <c>__SERVER</c> and the class hierarchy.</summary>
/// <param name="ServerName">The host's computer name.</param>
/// <param name="SuperclassOf">The parent class of a class, or null.</param>
internal sealed record WqlQueryContext(string ServerName, Func<string, string?> SuperclassOf);
