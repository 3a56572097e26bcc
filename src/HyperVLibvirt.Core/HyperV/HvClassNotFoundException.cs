namespace HyperVLibvirt.Core.HyperV;

/// <summary>
/// The host has no such WMI class (WinRM answers a query on an unknown class with the
/// <c>n:CannotProcessFilter</c> fault): a feature, role or provider is missing there.
/// </summary>
public sealed class HvClassNotFoundException : HvHostException
{
    /// <summary>Says which class <paramref name="host"/> lacks, in which namespace, and what that usually means.</summary>
    public HvClassNotFoundException(string host, string className, string wmiNamespace, string meaning, Exception? innerException = null)
        : base($"{host} has no WMI class {className} in {wmiNamespace}. {meaning}", innerException)
    {
        ClassName = className;
        Namespace = wmiNamespace;
    }

    /// <summary>The missing class.</summary>
    public string ClassName { get; }

    /// <summary>The namespace it was looked for in.</summary>
    public string Namespace { get; }
}
