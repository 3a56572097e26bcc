namespace HyperVLibvirt.Simulator.Wire;

/// <summary>
/// How a user name given by a client names a configured account, the same for Basic and NTLM:
/// case-insensitive, and a local account (no domain part) also answers to <c>.\user</c> and
/// <c>HOST\user</c>, as Windows accepts for local accounts.
/// </summary>
internal static class AccountNames
{
    /// <summary>The account <paramref name="given"/> names, or null.</summary>
    public static SimulatorAccount? Find(IEnumerable<SimulatorAccount> accounts, string given, string computerName)
    {
        foreach (var account in accounts)
        {
            if (Matches(account.UserName, given, computerName))
            {
                return account;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="given"/> names the account <paramref name="accountName"/>.</summary>
    public static bool Matches(string accountName, string given, string computerName)
    {
        if (string.Equals(accountName, given, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var slash = given.IndexOf('\\');
        if (slash > 0 && !accountName.Contains('\\'))
        {
            var domain = given[..slash];
            if (domain == "." || domain.Equals(computerName, StringComparison.OrdinalIgnoreCase))
            {
                return string.Equals(accountName, given[(slash + 1)..], StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }

    /// <summary>Splits <c>DOMAIN\user</c>; a name without a domain part gives a null domain.</summary>
    public static (string? Domain, string User) Split(string accountName)
    {
        var slash = accountName.IndexOf('\\');
        return slash < 0 ? (null, accountName) : (accountName[..slash], accountName[(slash + 1)..]);
    }
}
