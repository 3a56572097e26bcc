namespace HyperVLibvirt.Simulator.Model;

/// <summary>
/// The simulated Hyper-V host: its classes, instances and methods, with no knowledge of the
/// wire. Thread-safe. Namespaces are written with forward slashes (<c>root/cimv2</c>).
/// </summary>
public sealed class SimulatedHost
{
    /// <summary>Builds the host from its settings (profile, language, inventory).</summary>
    public SimulatedHost(HostSettings settings)
    {
        Settings = settings;
        throw new NotImplementedException("model half: build the host");
    }

    /// <summary>The settings the host was built from.</summary>
    public HostSettings Settings { get; }

    /// <summary>The host's computer name (the value of <c>__SERVER</c>).</summary>
    public string ComputerName => Settings.ComputerName;

    /// <summary>The OS version string of the profile, e.g. <c>10.0.17763</c>.</summary>
    public string OsVersion => throw new NotImplementedException();

    /// <summary>The namespaces this profile has, e.g. <c>root/cimv2</c>, <c>root/virtualization/v2</c>.</summary>
    public IReadOnlyCollection<string> Namespaces => throw new NotImplementedException();

    /// <summary>Runs WQL (SELECT or ASSOCIATORS OF) in a namespace. Throws <see cref="CimException"/>.</summary>
    public QueryResult ExecuteQuery(string wmiNamespace, string wql) => throw new NotImplementedException();

    /// <summary>Every instance of a class (Enumerate on a class URI without a filter). Throws <see cref="CimException"/>.</summary>
    public IReadOnlyList<CimInstance> EnumerateInstances(string wmiNamespace, string className) => throw new NotImplementedException();

    /// <summary>One instance by its key selectors (names and values case-insensitive). Throws <see cref="CimException"/>.</summary>
    public CimInstance GetInstance(string wmiNamespace, string className, IReadOnlyList<KeyValuePair<string, string>> selectors) => throw new NotImplementedException();

    /// <summary>
    /// Invokes a method. Instance methods get the key selectors; static ones none. Input values
    /// are <c>string</c> (simple text), <see cref="CimReference"/> (EPR parameters) or
    /// <c>IReadOnlyList&lt;object&gt;</c> (repeated elements). Throws <see cref="CimException"/>.
    /// </summary>
    public MethodResult InvokeMethod(string wmiNamespace, string className, IReadOnlyList<KeyValuePair<string, string>> selectors, string methodName, IReadOnlyList<KeyValuePair<string, object?>> inputs) => throw new NotImplementedException();
}
