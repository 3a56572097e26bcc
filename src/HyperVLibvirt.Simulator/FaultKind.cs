namespace HyperVLibvirt.Simulator;

/// <summary>What an injected fault does to a request.</summary>
public enum FaultKind
{
    /// <summary>Waits <see cref="FaultRule.LatencyMs"/> before answering (past the request's OperationTimeout the answer is w:TimedOut).</summary>
    Latency,
    /// <summary>HTTP 500 with an empty body.</summary>
    Http500,
    /// <summary>HTTP 503 with an empty body.</summary>
    Http503,
    /// <summary>A WS-Management fault chosen by <see cref="FaultRule.FaultName"/> (e.g. TimedOut, InternalError).</summary>
    WsManFault,
    /// <summary>A w:QuotaLimit fault whose detail is an MSFT_WmiError instance.</summary>
    WmiError,
    /// <summary>Sends part of the body, then aborts the connection.</summary>
    Reset,
    /// <summary>Sends a well-framed HTTP response whose XML is cut in the middle.</summary>
    Truncate,
    /// <summary>Sends a body that is not well-formed XML.</summary>
    InvalidXml,
    /// <summary>Sends the body slowly, <see cref="FaultRule.ChunkBytes"/> at a time with <see cref="FaultRule.LatencyMs"/> between chunks.</summary>
    Drip,
    /// <summary>Sends the normal body with <c>Content-Type: text/html</c>.</summary>
    WrongContentType,
    /// <summary>Pads the body (with a trailing XML comment) to <see cref="FaultRule.OversizeBytes"/>.</summary>
    Oversize,
    /// <summary>Flips one byte of the sealed part of an encrypted response (of the body when not encrypted): the receiver's unseal must fail.</summary>
    Tamper,
    /// <summary>Answers an encrypted request in clear (plain SOAP), which a client must refuse unread.</summary>
    Cleartext,
    /// <summary>An Invoke of <see cref="FaultRule.Method"/> answers <see cref="FaultRule.ReturnCode"/> and changes nothing.</summary>
    MethodReturnCode,
    /// <summary>An Invoke of <see cref="FaultRule.Method"/> answers 4096 with a job that fails (JobState 10, ErrorCode 32768) and changes nothing.</summary>
    MethodJobFailure,
}
