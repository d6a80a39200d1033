namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>A failure the Slack stand-in plays instead of (or, for <see cref="Slow"/>, before) its normal answer.</summary>
public sealed record SlackFault
{
    private SlackFault()
    {
    }

    /// <summary>The HTTP status to answer with; null for faults that are not an answer.</summary>
    public int? Status { get; private init; }

    /// <summary>The <c>error</c> of an <c>{"ok":false}</c> body.</summary>
    public string? ErrorCode { get; private init; }

    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>How long to hold the request (on the stand-in's clock) before answering normally.</summary>
    public TimeSpan? Delay { get; private init; }

    public bool DropsConnection { get; private init; }

    /// <summary>Holds the request without answering until the caller gives up (or the stand-in stops).</summary>
    public bool HoldsWithoutAnswer { get; private init; }

    /// <summary>HTTP 429 with <c>Retry-After: &lt;whole seconds&gt;</c> and <c>{"ok":false,"error":"ratelimited"}</c>.</summary>
    public static SlackFault RateLimited(TimeSpan retryAfter) => new() { Status = 429, ErrorCode = "ratelimited", RetryAfter = retryAfter };

    /// <summary>An HTTP 5xx with an HTML page, not Slack JSON.</summary>
    public static SlackFault ServerError(int status = 500) => new() { Status = status };

    /// <summary>HTTP 200 with <c>{"ok":false,"error":code}</c>.</summary>
    public static SlackFault Error(string code) => new() { Status = 200, ErrorCode = code };

    /// <summary>Answers normally, but only after <paramref name="delay"/> of the stand-in's clock.</summary>
    public static SlackFault Slow(TimeSpan delay) => new() { Delay = delay };

    /// <summary>
    /// Never answers: the request is held until the caller gives up, so only the caller's own timeout ends it. Waits on no
    /// clock, so a <see cref="SteppingClock"/> does not move for it.
    /// </summary>
    public static SlackFault NoAnswer() => new() { HoldsWithoutAnswer = true };

    /// <summary>Drops the connection after reading the request: the caller cannot know whether it was carried out.</summary>
    public static SlackFault DroppedConnection() => new() { DropsConnection = true };
}
