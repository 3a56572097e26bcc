using System.Net.Security;

namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>
/// The server side of Negotiate and Kerberos (RFC 4559) with .NET's NegotiateAuthentication in
/// server mode. On Linux that is MIT GSSAPI: Kerberos through the keytab named by KRB5_KTNAME,
/// NTLM through gss-ntlmssp and <see cref="NtlmUserFile"/>. An NTLM logon is only accepted for one
/// of this simulator's accounts (the file is shared by the process).
/// </summary>
internal sealed class ContextAcceptor(
    Func<IEnumerable<SimulatorAccount>> accounts,
    Func<string> computerName,
    bool servesNtlm,
    SimulatorStatistics statistics)
{
    /// <summary>Feeds one client token to the connection's context, starting a new one when the token is a first token.</summary>
    public HandshakeStep Step(ConnectionSecurity connection, string scheme, byte[] token)
    {
        lock (connection.Gate)
        {
            var context = connection.Context;
            if (context is null || connection.IsAuthenticated || SecurityTokens.IsInitial(token))
            {
                var package = SecurityTokens.PackageFor(scheme, token);
                if (package == "NTLM" && !servesNtlm)
                {
                    return Fail(connection);
                }

                context = connection.Begin(scheme, new NegotiateAuthentication(new NegotiateAuthenticationServerOptions
                {
                    Package = package,
                    // Sealing is the client's choice (needed only for message encryption over HTTP).
                    RequiredProtectionLevel = ProtectionLevel.None,
                }));
            }
            else if (!string.Equals(connection.Scheme, scheme, StringComparison.OrdinalIgnoreCase))
            {
                return Fail(connection);
            }

            if (++connection.Legs > ConnectionSecurity.MaxLegs)
            {
                return Fail(connection);
            }

            byte[]? output;
            NegotiateAuthenticationStatusCode status;
            try
            {
                (output, status) = servesNtlm
                    ? NtlmUserFile.WithAccounts(accounts(), computerName(), () => Accept(context, token))
                    : Accept(context, token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Whatever GSSAPI makes of a hostile token, the answer is a 401, never a crash.
                return Fail(connection);
            }

            switch (status)
            {
                case NegotiateAuthenticationStatusCode.ContinueNeeded when output is { Length: > 0 }:
                    return new HandshakeStep(HandshakeOutcome.Continue, output);
                case NegotiateAuthenticationStatusCode.Completed:
                    // GSSAPI picks the mechanism from the token: under the Kerberos word only Kerberos may log on.
                    var user = scheme == "Kerberos" && !string.Equals(context.Package, "Kerberos", StringComparison.OrdinalIgnoreCase) ? null : UserOf(context);
                    if (user is null)
                    {
                        return Fail(connection);
                    }

                    connection.Establish(user);
                    connection.Failures = 0;
                    statistics.ContextLogon();
                    return new HandshakeStep(HandshakeOutcome.Completed, output is { Length: > 0 } ? output : null, user);
                default:
                    return Fail(connection);
            }
        }
    }

    private static (byte[]? Output, NegotiateAuthenticationStatusCode Status) Accept(NegotiateAuthentication context, byte[] token)
    {
        var output = context.GetOutgoingBlob(token, out var status);
        return (output, status);
    }

    private string? UserOf(NegotiateAuthentication context)
    {
        var name = context.RemoteIdentity.Name;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (!string.Equals(context.Package, "NTLM", StringComparison.OrdinalIgnoreCase))
        {
            // Kerberos: any principal the realm vouches for, as a domain member host accepts domain users.
            return name;
        }

        // gss-ntlmssp reports the name as the client wrote it (user, .\user, HOST\user).
        return AccountNames.Find(accounts(), name, computerName())?.UserName;
    }

    private static HandshakeStep Fail(ConnectionSecurity connection)
    {
        connection.Drop();
        connection.Failures++;
        return new HandshakeStep(HandshakeOutcome.Failed, CloseConnection: connection.Failures >= ConnectionSecurity.MaxFailures);
    }
}
