using System.Runtime.InteropServices;

namespace HyperVLibvirt.Simulator.Wire.Security;

/// <summary>
/// The C library's environment. On Unix, .NET keeps its own copy of the environment, so
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> is not seen by native code
/// such as GSSAPI mechanisms; libc's <c>setenv</c> is.
/// </summary>
internal static class NativeEnvironment
{
    /// <summary>Sets a variable for native code in this process (overwriting any value).</summary>
    public static void Set(string name, string value)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            throw new PlatformNotSupportedException("Setting the native environment is only done on Unix.");
        }

        if (SetEnv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        // Keep the managed view in step, for child processes and for readers in .NET.
        Environment.SetEnvironmentVariable(name, value);
    }

    // DllImport rather than LibraryImport: the generated marshaller would need unsafe code in the project.
    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
