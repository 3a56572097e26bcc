namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The result of a WMI method: its output parameters in order (values typed as in CONTRACT.md,
/// e.g. a job reference as <see cref="CimReference"/>), then the return value, which the wire
/// writes last as <c>ReturnValue</c>.
/// </summary>
public sealed record MethodResult(uint ReturnValue, IReadOnlyList<KeyValuePair<string, object?>> OutParameters);
