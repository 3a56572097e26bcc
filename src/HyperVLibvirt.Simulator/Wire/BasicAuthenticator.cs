using System.Security.Cryptography;
using System.Text;

namespace HyperVLibvirt.Simulator.Wire;

/// <summary>The outcome of checking an Authorization header.</summary>
internal enum AuthenticationOutcome
{
    /// <summary>No Authorization header.</summary>
    Missing,
    /// <summary>A scheme this authenticator does not handle, or Basic while it is disabled.</summary>
    UnsupportedScheme,
    /// <summary>Basic with a wrong user or password.</summary>
    Rejected,
    /// <summary>Basic credentials of a configured account.</summary>
    Accepted,
}

/// <summary>Checks HTTP Basic credentials against the configured local accounts.</summary>
internal sealed class BasicAuthenticator(Func<IEnumerable<SimulatorAccount>> accounts, Func<bool> basicEnabled, Func<string> computerName)
{
    /// <summary>Checks the header; on success returns the canonical account name.</summary>
    public AuthenticationOutcome Authenticate(string? authorization, out string? userName)
    {
        userName = null;
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return AuthenticationOutcome.Missing;
        }

        var space = authorization.IndexOf(' ');
        var scheme = space < 0 ? authorization : authorization[..space];
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || !basicEnabled())
        {
            return AuthenticationOutcome.UnsupportedScheme;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[(space + 1)..].Trim()));
        }
        catch (FormatException)
        {
            return AuthenticationOutcome.Rejected;
        }

        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return AuthenticationOutcome.Rejected;
        }

        var user = decoded[..colon];
        var password = decoded[(colon + 1)..];
        foreach (var account in accounts())
        {
            if (AccountNames.Matches(account.UserName, user, computerName()) && PasswordsMatch(account.Password, password))
            {
                userName = account.UserName;
                return AuthenticationOutcome.Accepted;
            }
        }

        return AuthenticationOutcome.Rejected;
    }

    private static bool PasswordsMatch(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
