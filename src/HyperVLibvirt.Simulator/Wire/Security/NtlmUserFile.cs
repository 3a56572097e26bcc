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
/// One path per process, private (0600, in the temp folder). The variable is set once, with libc's
/// setenv, before the first logon. The file exists only while an NTLM accept step runs: each step
/// runs under one process-wide lock, with the file written just before it and deleted right after,
/// holding the accepting simulator's own accounts. So several simulators in one process (a test
/// run) share the path without sharing accounts (the same user name may have different passwords
/// in each), and no password stays on disk, short of a kill in the middle of a logon.
/// </remarks>
internal static class NtlmUserFile
{
    /// <summary>The variable gss-ntlmssp reads (the name Heimdal uses too).</summary>
    public const string VariableName = "NTLM_USER_FILE";

    private const int MaxLineBytes = 1000; // gss-ntlmssp reads lines with a 1024-byte buffer

    private static readonly Lock Gate = new();
    private static string? _path;

    /// <summary>The file's path once configured (for tests and diagnostics).</summary>
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

    /// <summary>Points the native environment at this process's file path (once per process); called when a simulator that serves NTLM starts.</summary>
    public static void Configure()
    {
        lock (Gate)
        {
            if (_path is null)
            {
                var path = Path.Combine(Path.GetTempPath(), "hvsim-ntlm-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant() + ".users");
                NativeEnvironment.Set(VariableName, path);
                _path = path;
            }
        }
    }

    /// <summary>Runs one accept step with the file holding exactly <paramref name="accounts"/>; the file is gone again afterwards.</summary>
    public static T WithAccounts<T>(IEnumerable<SimulatorAccount> accounts, string computerName, Func<T> step)
    {
        var content = Render(accounts, computerName);
        lock (Gate)
        {
            var path = _path ?? throw new InvalidOperationException("The NTLM user file is not configured.");
            Write(path, content);
            try
            {
                return step();
            }
            finally
            {
                Delete(path);
            }
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

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next step deletes it before writing anew.
        }
    }

    private static void Write(string path, string content)
    {
        // A fresh file each time, never one found in its place (File.Delete removes a link, not its target).
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
        stream.Flush(flushToDisk: false);
    }
}
