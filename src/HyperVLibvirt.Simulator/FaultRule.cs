using System.Globalization;

namespace HyperVLibvirt.Simulator;

/// <summary>
/// One fault-injection rule: what to do, to which requests (optionally only one operation), from
/// which matching request on and how many times. Requests are counted per rule, after
/// authentication, among the requests whose operation matches.
/// </summary>
public sealed class FaultRule
{
    private readonly Lock _lock = new();
    private int _seen;
    private int _applied;
    private int _pauses;

    /// <summary>Creates a rule that applies to every matching request.</summary>
    public FaultRule(FaultKind kind)
    {
        Kind = kind;
    }

    /// <summary>What the rule does.</summary>
    public FaultKind Kind { get; }

    /// <summary>The first matching request (1-based) it applies to.</summary>
    public int FromRequest { get; init; } = 1;

    /// <summary>How many times it applies (null = no limit).</summary>
    public int? Times { get; init; }

    /// <summary>Only requests of this operation count: Identify, Enumerate, Pull, Release, Get, Invoke (null = all).</summary>
    public string? Operation { get; init; }

    /// <summary>
    /// For <see cref="FaultKind.MethodReturnCode"/> and <see cref="FaultKind.MethodJobFailure"/>: the WMI method (e.g.
    /// AddResourceSettings, case-insensitive) whose Invoke requests the rule counts; it counts no other request.
    /// </summary>
    public string? Method { get; init; }

    /// <summary>The ReturnValue a <see cref="FaultKind.MethodReturnCode"/> rule answers (e.g. 32768 Failed).</summary>
    public uint ReturnCode { get; init; } = 32768;

    /// <summary>Latency in ms (Latency) or the pause between chunks (Drip).</summary>
    public int LatencyMs { get; init; } = 1000;

    /// <summary>The WS-Man fault for <see cref="FaultKind.WsManFault"/>: TimedOut, InternalError, Quota, InvalidEnumerationContext, DestinationUnreachable, InvalidSelectors, InvalidParameter, EncodingLimit, CannotProcessFilter, ActionNotSupported, WmiError, AccessDenied.</summary>
    public string FaultName { get; init; } = "InternalError";

    /// <summary>Chunk size for Drip.</summary>
    public int ChunkBytes { get; init; } = 64;

    /// <summary>Total body size for Oversize.</summary>
    public int OversizeBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>How many times the rule has fired.</summary>
    public int AppliedCount
    {
        get
        {
            lock (_lock)
            {
                return _applied;
            }
        }
    }

    /// <summary>
    /// The pauses a Drip rule has made between chunks: a count tests can check where timing the
    /// response would depend on the machine's load.
    /// </summary>
    public int PauseCount => Volatile.Read(ref _pauses);

    /// <summary>Counts one pause between chunks.</summary>
    internal void CountPause() => Interlocked.Increment(ref _pauses);

    /// <summary>Counts a request of <paramref name="operation"/> and says whether the rule fires on it.</summary>
    public bool CountAndMatch(string operation)
    {
        if (Method is not null || (Operation is not null && !Operation.Equals(operation, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return Count();
    }

    /// <summary>Counts an Invoke of <paramref name="method"/> and says whether this method rule fires on it.</summary>
    public bool CountAndMatchMethod(string method) =>
        Method is not null && Method.Equals(method, StringComparison.OrdinalIgnoreCase) && Count();

    private bool Count()
    {
        lock (_lock)
        {
            _seen++;
            if (_seen < FromRequest || (Times is { } limit && _applied >= limit))
            {
                return false;
            }

            _applied++;
            return true;
        }
    }

    /// <summary>
    /// Parses the command-line form <c>KIND[:ARG[:ARG2]][@N[+]][xK][/OPERATION]</c>, e.g.
    /// <c>http500@3</c>, <c>reset@2x1</c>, <c>drip:32:50</c>, <c>latency:200/Pull</c>,
    /// <c>wsman:TimedOut@2+x3/Enumerate</c>. <c>@N</c> alone means only the Nth request;
    /// <c>@N+</c> from the Nth on; <c>xK</c> limits to K times; neither means every request.
    /// </summary>
    public static FaultRule Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var match = SyntaxPattern.Match(text.Trim());
        if (!match.Success)
        {
            throw new FormatException($"Fault '{text}': expected KIND[:ARG[:ARG2]][@N[+]][xK][/OPERATION].");
        }

        var rest = match.Groups["spec"].Value;
        var operation = match.Groups["op"].Success ? match.Groups["op"].Value : null;
        int? times = match.Groups["times"].Success ? ParseCount(match.Groups["times"].Value, text) : null;
        var from = 1;
        if (match.Groups["from"].Success)
        {
            from = ParseCount(match.Groups["from"].Value, text);
            if (!match.Groups["onward"].Success && times is null)
            {
                times = 1;
            }
        }

        var parts = rest.Split(':');
        var kindName = parts[0].ToLowerInvariant();
        string? Arg(int i) => parts.Length > i && parts[i].Length > 0 ? parts[i] : null;
        int IntArg(int i, int fallback) => Arg(i) is { } s ? ParseCount(s, text, allowZero: true) : fallback;

        // Everything after KIND: (a method name keeps any further colon out of the ARG split).
        var argument = rest.Length > parts[0].Length ? rest[(parts[0].Length + 1)..] : string.Empty;

        return kindName switch
        {
            "latency" or "delay" => new FaultRule(FaultKind.Latency) { LatencyMs = IntArg(1, 1000), FromRequest = from, Times = times, Operation = operation },
            "http500" or "500" => new FaultRule(FaultKind.Http500) { FromRequest = from, Times = times, Operation = operation },
            "http503" or "503" => new FaultRule(FaultKind.Http503) { FromRequest = from, Times = times, Operation = operation },
            "wsman" or "fault" => new FaultRule(FaultKind.WsManFault) { FaultName = Arg(1) ?? "InternalError", FromRequest = from, Times = times, Operation = operation },
            "wmierror" => new FaultRule(FaultKind.WmiError) { FromRequest = from, Times = times, Operation = operation },
            "reset" => new FaultRule(FaultKind.Reset) { FromRequest = from, Times = times, Operation = operation },
            "truncate" => new FaultRule(FaultKind.Truncate) { FromRequest = from, Times = times, Operation = operation },
            "invalidxml" or "badxml" => new FaultRule(FaultKind.InvalidXml) { FromRequest = from, Times = times, Operation = operation },
            "drip" => new FaultRule(FaultKind.Drip) { ChunkBytes = Math.Max(1, IntArg(1, 64)), LatencyMs = IntArg(2, 20), FromRequest = from, Times = times, Operation = operation },
            "contenttype" or "wrongcontenttype" => new FaultRule(FaultKind.WrongContentType) { FromRequest = from, Times = times, Operation = operation },
            "tamper" => new FaultRule(FaultKind.Tamper) { FromRequest = from, Times = times, Operation = operation },
            "cleartext" => new FaultRule(FaultKind.Cleartext) { FromRequest = from, Times = times, Operation = operation },
            "oversize" => new FaultRule(FaultKind.Oversize) { OversizeBytes = IntArg(1, 2048) * 1024, FromRequest = from, Times = times, Operation = operation },
            "method" => MethodRule(FaultKind.MethodReturnCode, argument, text, from, times, operation),
            "job" => MethodRule(FaultKind.MethodJobFailure, argument, text, from, times, operation),
            _ => throw new FormatException($"Fault '{text}': unknown kind '{parts[0]}'. Kinds: latency, http500, http503, wsman, wmierror, reset, truncate, invalidxml, drip, contenttype, oversize, tamper, cleartext."),
        };
    }

    // method:NAME=CODE answers CODE; job:NAME lets the method start a job that fails. Only Invoke requests carry a method.
    private static FaultRule MethodRule(FaultKind kind, string argument, string text, int from, int? times, string? operation)
    {
        if (operation is not null && !operation.Equals("Invoke", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"Fault '{text}': a method fault acts on Invoke requests only.");
        }

        var method = argument;
        uint code = 0;
        if (kind == FaultKind.MethodReturnCode)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !uint.TryParse(argument[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out code))
            {
                throw new FormatException($"Fault '{text}': expected method:NAME=CODE, e.g. method:AddResourceSettings=32768@2.");
            }

            method = argument[..equals];
        }

        if (method.Length == 0 || !method.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new FormatException($"Fault '{text}': '{method}' is not a method name.");
        }

        return new FaultRule(kind) { Method = method, ReturnCode = code, FromRequest = from, Times = times, Operation = "Invoke" };
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var when = FromRequest == 1 && Times is null ? "always" : $"from #{FromRequest}" + (Times is { } t ? $" x{t}" : "+");
        var what = Kind switch
        {
            FaultKind.MethodReturnCode => $"{Kind} {ReturnCode} on {Method}",
            FaultKind.MethodJobFailure => $"{Kind} on {Method}",
            _ => Kind.ToString(),
        };
        return $"{what} {when}" + (Operation is null || Method is not null ? string.Empty : " on " + Operation);
    }

    private static readonly System.Text.RegularExpressions.Regex SyntaxPattern = new(
        @"^(?<spec>[^@/]+?)(?:@(?<from>\d+)(?<onward>\+)?)?(?:x(?<times>\d+))?(?:/(?<op>[A-Za-z]+))?$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static int ParseCount(string value, string text, bool allowZero = false)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || (n < 1 && !allowZero))
        {
            throw new FormatException($"Fault '{text}': '{value}' is not a positive count.");
        }

        return n;
    }
}
