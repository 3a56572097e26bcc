using System.Security.Cryptography;
using System.Text;

namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>
/// The accounts file gss-ntlmssp's acceptor checks NTLM logons against: the file named by the
/// native environment variable <c>NTLM_USER_FILE</c>, one <c>DOMAIN:user:password</c> per line,
/// read again at every logon, first line whose user (and domain, when the client sent one) matches
/// wins (gss-ntlmssp src/gss_creds.c, get_user_file_creds).
/// </summary>
/// <remarks>
/// One file per process, private (0600, in the temp folder), deleted when the last simulator of
/// the process stops or the process exits. The variable is set once, with libc's setenv, before
/// the first logon. Several simulators in one process (a test run) share the file: every NTLM
/// accept step runs under one process-wide lock with the file holding the accepting simulator's own
/// accounts, so two simulators may have the same user name with different passwords.
/// </remarks>
internal static class NtlmUserFile
{
    /// <summary>The variable gss-ntlmssp reads (the name Heimdal uses too).</summary>
    public const string VariableName = "NTLM_USER_FILE";

    private const int MaxLineBytes = 1000; // gss-ntlmssp reads lines with a 1024-byte buffer

    private static readonly Lock Gate = new();
    private static string? _path;
    private static string? _written;
    private static int _holders;
    private static bool _exitHooked;

    /// <summary>The file's path while any simulator holds it (for tests and diagnostics).</summary>
    public static string? CurrentPath
    {
        get
        {
            lock (Gate)
            {
                return _path;
            }
        }
    }

    /// <summary>
    /// Called when a simulator that serves NTLM starts: makes sure the native environment points
    /// at this process's file. Dispose the result when the simulator stops.
    /// </summary>
    public static IDisposable Hold()
    {
        lock (Gate)
        {
            if (_path is null)
            {
                _path = Path.Combine(Path.GetTempPath(), "hvsim-ntlm-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant() + ".users");
                NativeEnvironment.Set(VariableName, _path);
                if (!_exitHooked)
                {
                    _exitHooked = true;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFile();
                }
            }

            _holders++;
            return new Holder();
        }
    }

    /// <summary>Runs one accept step with the file holding exactly <paramref name="accounts"/>.</summary>
    public static T WithAccounts<T>(IEnumerable<SimulatorAccount> accounts, string computerName, Func<T> step)
    {
        var content = Render(accounts, computerName);
        lock (Gate)
        {
            if (_path is null)
            {
                throw new InvalidOperationException("The NTLM user file is not held by any running simulator.");
            }

            if (!string.Equals(content, _written, StringComparison.Ordinal) || !File.Exists(_path))
            {
                Write(_path, content);
                _written = content;
            }

            return step();
        }
    }

    /// <summary>
    /// The file's lines for these accounts. A local account is written twice, under the computer
    /// name and under ".", so that <c>user</c>, <c>.\user</c> and <c>HOST\user</c> all log on:
    /// gss-ntlmssp matches the domain the client sent against the line (case-insensitively) and
    /// then computes the NTLMv2 key with the line's spelling of the domain, or with none.
    /// </summary>
    internal static string Render(IEnumerable<SimulatorAccount> accounts, string computerName)
    {
        var text = new StringBuilder();
        foreach (var account in accounts)
        {
            var (domain, user) = AccountNames.Split(account.UserName);
            if (domain is null)
            {
                AppendLine(text, computerName, user, account.Password);
                AppendLine(text, ".", user, account.Password);
            }
            else
            {
                AppendLine(text, domain, user, account.Password);
            }
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, string domain, string user, string password)
    {
        // The format has no quoting: a name with ':' or a line break cannot be written (that account gets no NTLM).
        if (domain.AsSpan().IndexOfAny(":\r\n\0") >= 0 || user.Length == 0 || user.AsSpan().IndexOfAny(":\r\n\0") >= 0 || password.AsSpan().IndexOfAny("\r\n\0") >= 0)
        {
            return;
        }

        var line = domain + ":" + user + ":" + password + "\n";
        if (Encoding.UTF8.GetByteCount(line) <= MaxLineBytes)
        {
            text.Append(line);
        }
    }

    private static void Write(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
        stream.Flush(flushToDisk: false);
    }

    private static void Release()
    {
        lock (Gate)
        {
            if (--_holders == 0)
            {
                DeleteFileLocked();
            }
        }
    }

    private static void DeleteFile()
    {
        lock (Gate)
        {
            DeleteFileLocked();
        }
    }

    private static void DeleteFileLocked()
    {
        // The path (and the variable) stay for the process; only the secrets go.
        _written = null;
        try
        {
            if (_path is not null)
            {
                File.Delete(_path);
            }
        }
        catch (IOException)
        {
            // Best effort at shutdown.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort at shutdown.
        }
    }

    private sealed class Holder : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Release();
            }
        }
    }
}
