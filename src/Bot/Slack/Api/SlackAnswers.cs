using System.Net;
using System.Text.Json;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// What an attempt at a Slack call came to, as a <see cref="SlackApiException"/> when it failed: Slack's error code (or the
/// client's own), whether trying again may help (<see cref="SlackApiException.IsRetryable"/>: rate limits, 5xx, timeouts,
/// network failures, Slack's transient errors) and whether Slack may have acted although no success came back
/// (<see cref="SlackApiException.OutcomeUnknown"/>). Every other error is permanent: the same call fails the same way.
/// </summary>
internal static class SlackAnswers
{
    /// <summary>Slack's own transient errors, worth another attempt.</summary>
    private static readonly string[] s_transient = ["ratelimited", "internal_error", "service_unavailable", "request_timeout", "fatal_error"];

    /// <summary>Transient errors after which some of the work may have been done, Slack says.</summary>
    private static readonly string[] s_partlyDone = ["internal_error", "fatal_error"];

    /// <summary>The failure in Slack's answer, or null when the call succeeded.</summary>
    public static SlackApiException? Failure(SlackCall call, HttpResponseMessage response, SlackEnvelope? envelope, TimeSpan? retryAfter)
    {
        string method = call.Method.Name;
        HttpStatusCode status = response.StatusCode;
        string error = envelope?.Error ?? (status == HttpStatusCode.TooManyRequests ? "ratelimited" : $"http_{(int)status}");
        if (status == HttpStatusCode.TooManyRequests)
        {
            return Failure(method, error, status, isRetryable: true, outcomeUnknown: false, retryAfter, envelope);
        }
        if ((int)status >= 500 || status == HttpStatusCode.RequestTimeout)
        {
            return Failure(method, error, status, isRetryable: true, outcomeUnknown: true, retryAfter, envelope);
        }
        if (!response.IsSuccessStatusCode)
        {
            return Failure(method, error, status, isRetryable: false, outcomeUnknown: false, retryAfter: null, envelope);
        }
        if (!call.ExpectEnvelope)
        {
            return null;
        }
        if (envelope is null)
        {
            return new SlackApiException(method, "invalid_response", status, isRetryable: true, outcomeUnknown: true, detail: "the answer is not a Slack JSON object");
        }
        if (envelope.Ok || (call.SuccessError is not null && envelope.Error == call.SuccessError))
        {
            return null;
        }
        error = envelope.Error ?? "unknown_error";
        bool retryable = s_transient.Contains(error);
        return Failure(method, error, status, retryable, outcomeUnknown: s_partlyDone.Contains(error), retryable ? retryAfter : null, envelope);
    }

    public static SlackApiException Timeout(SlackMethod method, TimeSpan timeout, Exception exception) => new(
        method.Name, "timeout", statusCode: null, isRetryable: true, outcomeUnknown: true, detail: $"no answer within {timeout.TotalSeconds:0} s", innerException: exception);

    /// <summary>A connection that was never opened carried nothing; a failure after that may have reached Slack.</summary>
    public static SlackApiException NetworkError(SlackMethod method, HttpRequestException exception)
    {
        bool neverSent = exception.HttpRequestError
            is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
        return new SlackApiException(
            method.Name, "network_error", statusCode: null, isRetryable: true, outcomeUnknown: !neverSent, detail: exception.Message, innerException: exception);
    }

    /// <summary>Slack said ok but the answer does not read: the call took effect, so repeating it would not help and might repeat its effect.</summary>
    public static SlackApiException InvalidAnswer(SlackMethod method, string detail, Exception? exception = null) => new(
        method.Name, "invalid_response", HttpStatusCode.OK, isRetryable: false, outcomeUnknown: false, detail: detail, innerException: exception);

    public static SlackEnvelope? ReadEnvelope(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, SlackJsonContext.Default.SlackEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static SlackApiException Failure(
        string method, string error, HttpStatusCode status, bool isRetryable, bool outcomeUnknown, TimeSpan? retryAfter, SlackEnvelope? envelope)
    {
        List<string> details = [];
        if (envelope?.Needed is not null)
        {
            details.Add($"needed scope {envelope.Needed}, provided {envelope.Provided}");
        }
        details.AddRange(envelope?.ResponseMetadata?.Messages ?? []);
        return new SlackApiException(method, error, status, isRetryable, outcomeUnknown, retryAfter, details.Count == 0 ? null : string.Join("; ", details));
    }
}
