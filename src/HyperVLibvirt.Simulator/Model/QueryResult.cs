namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// What a WQL query returns: the matching instances (snapshots) and, for
/// <c>SELECT A, B FROM …</c>, the selected property names (null for <c>SELECT *</c>), which the
/// wire writes as <c>w:XmlFragment</c>.
/// </summary>
public sealed record QueryResult(IReadOnlyList<CimInstance> Instances, IReadOnlyList<string>? SelectedProperties);
