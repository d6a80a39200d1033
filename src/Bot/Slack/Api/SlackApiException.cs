using System.Net;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// A Slack Web API call that did not succeed. <see cref="Error"/> is Slack's error code (<c>channel_not_found</c>,
/// <c>name_taken</c>, <c>ratelimited</c>…) or, when Slack gave none, one of the client's own: <c>http_&lt;status&gt;</c>,
/// <c>timeout</c>, <c>network_error</c>, <c>invalid_response</c>.
/// </summary>
public sealed class SlackApiException : Exception
{
    internal SlackApiException(
        string method,
        string error,
        HttpStatusCode? statusCode,
        bool isRetryable,
        bool outcomeUnknown,
        TimeSpan? retryAfter = null,
        string? detail = null,
        Exception? innerException = null)
        : base(Describe(method, error, statusCode, detail), innerException)
    {
        Method = method;
        Error = error;
        StatusCode = statusCode;
        IsRetryable = isRetryable;
        OutcomeUnknown = outcomeUnknown;
        RetryAfter = retryAfter;
    }

    /// <summary>The Web API method, e.g. <c>chat.postMessage</c>; <c>upload_url</c> for the POST of a file's bytes.</summary>
    public string Method { get; }

    public string Error { get; }

    /// <summary>The HTTP status of Slack's answer; null when no answer came (timeout, network error).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>True when the same call may succeed later (rate limits, 5xx, timeouts, Slack-side transient errors).</summary>
    public bool IsRetryable { get; }

    /// <summary>
    /// True when Slack may have carried the call out although no success answer came (timeout after sending, 5xx,
    /// <c>internal_error</c>, <c>fatal_error</c>, a dropped connection). Repeating a post then may post twice; the client
    /// does not repeat such calls for methods that post or create things.
    /// </summary>
    public bool OutcomeUnknown { get; }

    /// <summary>How long Slack asked us to wait (<c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(string method, string error, HttpStatusCode? statusCode, string? detail)
    {
        string status = statusCode is { } code ? $"HTTP {(int)code}" : "no answer";
        return detail is null ? $"Slack {method} failed: {error} ({status})." : $"Slack {method} failed: {error} ({status}): {detail}";
    }
}
