namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// One attempt at a Slack Web API call, below the retries (<see cref="SlackRetries"/>): waits for the method's rate-limit slot
/// (and the channel's, for posts), sends with a timeout of <see cref="AttemptTimeout"/>, reads the whole answer within it, and
/// turns anything but success into a <see cref="SlackApiException"/> (<see cref="SlackAnswers"/>). A <c>Retry-After</c> holds
/// back every later call of the method, not only this one. Every attempt is counted in <see cref="SlackApiMetrics"/>. All
/// waiting runs on the <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class SlackAttemptHandler(SlackRateLimiter limiter, SlackApiMetrics metrics, TimeProvider time, ILogger<SlackAttemptHandler> logger)
    : DelegatingHandler
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Slack's answers are small (<c>views.open</c> echoes a view of at most 250 kB); anything bigger is not Slack.</summary>
    public const int MaxAnswerBytes = 4 * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SlackCall call = SlackCall.Of(request);
        call.Attempts++;
        TimeSpan wait = limiter.Reserve(call.Method, call.Channel);
        if (wait > TimeSpan.Zero)
        {
            LogThrottled(logger, call.Method.Name, wait);
            metrics.WaitedForBudget(call.Method, wait);
            await Task.Delay(wait, time, cancellationToken);
        }
        try
        {
            HttpResponseMessage response = await AttemptAsync(request, call, cancellationToken);
            metrics.Called(call.Method, SlackApiMetrics.Ok);
            return response;
        }
        catch (SlackApiException failure)
        {
            metrics.Called(call.Method, failure.Error);
            if (failure.RetryAfter is { } retryAfter)
            {
                LogRateLimited(logger, call.Method.Name, retryAfter);
                limiter.Pause(call.Method, retryAfter);
            }
            throw;
        }
    }

    private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage request, SlackCall call, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token);
            await response.Content.LoadIntoBufferAsync(MaxAnswerBytes, linked.Token);
            byte[] body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            SlackEnvelope? envelope = call.ExpectEnvelope ? SlackAnswers.ReadEnvelope(body) : null;
            if (SlackAnswers.Failure(call, response, envelope, RetryAfter(response)) is { } failure)
            {
                throw failure;
            }
            LogSlackWarnings(call.Method, envelope);
            return response;
        }
        catch (Exception exception)
        {
            response?.Dispose();
            throw exception switch
            {
                OperationCanceledException when timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested =>
                    SlackAnswers.Timeout(call.Method, AttemptTimeout, exception),
                HttpRequestException network => SlackAnswers.NetworkError(call.Method, network),
                _ => exception,
            };
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private void LogSlackWarnings(SlackMethod method, SlackEnvelope? envelope)
    {
        IEnumerable<string> warnings = (envelope?.Warning?.Split(',') ?? []).Concat(envelope?.ResponseMetadata?.Warnings ?? []).Distinct();
        string joined = string.Join(", ", warnings);
        if (joined.Length > 0)
        {
            LogWarnings(logger, method.Name, joined);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug,
        Message = "Slack asked for {RetryAfter} before the next {Method} call (Retry-After); holding every call of it back until then")]
    private static partial void LogRateLimited(ILogger logger, string method, TimeSpan retryAfter);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Waiting {Wait} before calling Slack {Method}, to stay within its rate limit")]
    private static partial void LogThrottled(ILogger logger, string method, TimeSpan wait);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Slack {Method} succeeded with warnings: {Warnings}")]
    private static partial void LogWarnings(ILogger logger, string method, string warnings);
}
