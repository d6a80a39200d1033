using System.Net;
using System.Net.Http.Headers;
using ChatOpsIncidents.Core.FollowUps;

namespace ChatOpsIncidents.Bot.FollowUps;

/// <summary>
/// What a tracker's HTTP answer means for the follow-up: 429 and 5xx are tried again (after Retry-After when given), any other
/// 4xx is a refusal for good.
/// </summary>
internal static class TrackerFailure
{
    private const int MaxBodyInMessage = 300;

    public static FollowUpTrackerException FromStatus(string what, HttpStatusCode status, string? body, TimeSpan? retryAfter)
    {
        bool transient = status == HttpStatusCode.TooManyRequests || (int)status >= 500;
        string answer = string.IsNullOrWhiteSpace(body) ? "" : $": {Shorten(body)}";
        return new FollowUpTrackerException($"{what} answered {(int)status}{answer}", !transient, transient ? retryAfter : null);
    }

    public static FollowUpTrackerException Unreachable(string what, Exception exception) =>
        new($"{what} could not be reached: {exception.Message}", isPermanent: false, inner: exception);

    public static FollowUpTrackerException TimedOut(string what, TimeSpan timeout) =>
        new($"{what} did not answer within {timeout}", isPermanent: false);

    /// <summary>How long Retry-After says to wait: seconds (what GitHub and Jira send) or an HTTP date.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delay } => delay,
        { Date: { } at } => at > now ? at - now : TimeSpan.Zero,
        _ => null,
    };

    private static string Shorten(string body)
    {
        string line = body.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxBodyInMessage ? line : line[..MaxBodyInMessage] + "…";
    }
}
