namespace HyperVLibvirt.Simulator;

/// <summary>A local account accepted with HTTP Basic (user name compared case-insensitively, password exactly).</summary>
/// <param name="UserName">The user name, e.g. <c>admin</c> or <c>HOST\admin</c>.</param>
/// <param name="Password">The password.</param>
public sealed record SimulatorAccount(string UserName, string Password)
{
    /// <summary>Never shows the password.</summary>
    public override string ToString() => $"SimulatorAccount {{ UserName = {UserName} }}";
}
