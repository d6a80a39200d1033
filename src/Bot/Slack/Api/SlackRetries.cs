using Polly;
using Polly.Retry;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// When a Slack call is made again: a Polly retry strategy (Microsoft.Extensions.Http.Resilience) around
/// <see cref="SlackAttemptHandler"/>, up to <see cref="MaxAttempts"/> attempts. Only a failure that may succeed later is
/// retried, and for a method that posts or creates something only one where Slack certainly did not act (429,
/// <c>ratelimited</c>, a connection that never opened), so a retry cannot post a message twice. A 429 (or any answer with
/// <c>Retry-After</c>) waits as long as Slack asked; a longer wait than <see cref="MaxDelay"/> is handed to the caller instead.
/// Other failures back off exponentially with full jitter.
/// </summary>
internal static partial class SlackRetries
{
    public const int MaxAttempts = 5;

    /// <summary>First backoff ceiling; it doubles per attempt (1, 2, 4, 8 s) and the wait is uniform below it.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait: caps the backoff, and a longer Retry-After is handed to the caller instead of waited out.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static RetryStrategyOptions<HttpResponseMessage> Strategy(ILogger logger) => new()
    {
        MaxRetryAttempts = MaxAttempts - 1,
        ShouldHandle = arguments => ValueTask.FromResult(MayRetry(arguments.Outcome.Exception, arguments.Context)),
        DelayGenerator = arguments => ValueTask.FromResult<TimeSpan?>(Delay(arguments.Outcome.Exception, arguments.AttemptNumber)),
        OnRetry = arguments =>
        {
            if (arguments.Outcome.Exception is SlackApiException failure)
            {
                LogRetrying(logger, failure.Method, failure.Error, arguments.AttemptNumber + 1, MaxAttempts, arguments.RetryDelay);
            }
            return ValueTask.CompletedTask;
        },
    };

    private static bool MayRetry(Exception? exception, ResilienceContext context) =>
        exception is SlackApiException { IsRetryable: true } failure
        && (!failure.OutcomeUnknown || (context.GetRequestMessage() is { } request && SlackCall.Of(request).Method.IsIdempotent))
        && !(failure.RetryAfter > MaxDelay);

    /// <summary>Retry-After when Slack gave one, else full jitter below a ceiling that doubles per retry (the first is 0).</summary>
    private static TimeSpan Delay(Exception? exception, int retry)
    {
        if (exception is SlackApiException { RetryAfter: { } retryAfter })
        {
            return retryAfter;
        }
        TimeSpan ceiling = BaseDelay * Math.Pow(2, retry);
        return (ceiling < MaxDelay ? ceiling : MaxDelay) * Random.Shared.NextDouble();
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug,
        Message = "Slack {Method} failed with {Error} on attempt {Attempt} of {MaxAttempts}; trying again in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string method, string error, int attempt, int maxAttempts, TimeSpan delay);
}
