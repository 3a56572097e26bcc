using System.Diagnostics.Tracing;

namespace HyperVLibvirt.Core.WsMan;

/// <summary>
/// Hears, for one step on the current thread, the GSSAPI error text .NET reports only to its internal diagnostics
/// ("Clock skew too great", "Cannot contact any KDC for realm ...", "Server ... not found in Kerberos database"):
/// NegotiateAuthentication's status codes alone cannot tell those apart, and each needs a different fix.
/// </summary>
/// <remarks>
/// The text comes from the "ErrorMessage" event of the EventSource "Private.InternalDiagnostics.System.Net.Security",
/// written on the calling thread when a GSSAPI call fails. It is not a public contract: when it is missing or changes,
/// the errors fall back to the status code. A listener enables the source process-wide, so it lives only around the first
/// handshake step (where local failures happen), not for the session.
/// </remarks>
internal sealed class GssErrorCapture : EventListener
{
    private const string SourceName = "Private.InternalDiagnostics.System.Net.Security";

    private readonly int _threadId = Environment.CurrentManagedThreadId;
    private string? _message;

    private GssErrorCapture()
    {
    }

    /// <summary>The last GSSAPI error text written on this thread since the capture started, or null.</summary>
    public string? Message => Volatile.Read(ref _message);

    /// <summary>Starts a capture (null on Windows, where SSPI is used and there is no GSSAPI text).</summary>
    public static GssErrorCapture? Start() => OperatingSystem.IsWindows() ? null : new GssErrorCapture();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Error);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // Called on the writing thread; other threads' failures are not this step's.
        if (Environment.CurrentManagedThreadId != _threadId || eventData.PayloadNames is null || eventData.Payload is null)
        {
            return;
        }
        var index = eventData.PayloadNames.IndexOf("message");
        if (index >= 0 && eventData.Payload[index] is string text && text.Contains("GSSAPI", StringComparison.Ordinal))
        {
            Volatile.Write(ref _message, text);
        }
    }
}
