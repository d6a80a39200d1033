using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// <see cref="ISlackApi"/> over a typed <see cref="HttpClient"/> (base address <c>Slack:ApiBaseUrl</c>, bot token as bearer).
/// Each call waits for its client-side rate limit, then makes up to <see cref="MaxAttempts"/> attempts of at most
/// <see cref="AttemptTimeout"/> each. 429 waits for <c>Retry-After</c>; 5xx, Slack's transient errors, timeouts and network
/// failures back off exponentially with full jitter. Calls that post or create something are repeated only when Slack
/// certainly did not act (429, <c>ratelimited</c>, a connection that never opened…), never after an unknown outcome, so a
/// retry cannot post a message twice. All waiting runs on the <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class SlackApiClient(
    HttpClient http, IOptions<SlackOptions> options, SlackRateLimiter limiter, SlackApiMetrics metrics, TimeProvider time, ILogger<SlackApiClient> logger)
    : ISlackApi
{
    public const int MaxAttempts = 5;

    /// <summary>First backoff ceiling; it doubles per attempt (1, 2, 4, 8 s) and the wait is uniform below it.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait: caps the backoff, and a longer Retry-After is handed to the caller instead of waited out.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private static SlackJsonContext Wire => SlackJsonContext.Default;

    public Task<PostedMessage> PostMessageAsync(PostMessageRequest message, CancellationToken cancellationToken) =>
        CallAsync(SlackMethod.PostMessage, Json(message, Wire.PostMessageRequest), Wire.PostedMessage, message.Channel, cancellationToken);

    public Task UpdateMessageAsync(UpdateMessageRequest message, CancellationToken cancellationToken) =>
        CallAsync(SlackMethod.Update, Json(message, Wire.UpdateMessageRequest), successError: null, cancellationToken);

    public Task PostEphemeralAsync(PostEphemeralRequest message, CancellationToken cancellationToken) =>
        CallAsync(SlackMethod.PostEphemeral, Json(message, Wire.PostEphemeralRequest), successError: null, cancellationToken);

    public async Task<SlackChannel> CreateChannelAsync(string name, bool isPrivate, CancellationToken cancellationToken)
    {
        ConversationResponse created = await CallAsync(
            SlackMethod.CreateConversation,
            Json(new CreateChannelArguments(name, isPrivate), Wire.CreateChannelArguments),
            Wire.ConversationResponse,
            channel: null,
            cancellationToken);
        return new SlackChannel(created.Channel.Id, created.Channel.Name ?? name);
    }

    public Task InviteToChannelAsync(string channel, IReadOnlyList<string> users, CancellationToken cancellationToken) =>
        CallAsync(
            SlackMethod.Invite,
            Json(new InviteArguments(channel, string.Join(',', users), Force: true), Wire.InviteArguments),
            successError: "already_in_channel",
            cancellationToken);

    public Task SetChannelTopicAsync(string channel, string topic, CancellationToken cancellationToken) =>
        CallAsync(SlackMethod.SetTopic, Json(new SetTopicArguments(channel, topic), Wire.SetTopicArguments), successError: null, cancellationToken);

    public Task ArchiveChannelAsync(string channel, CancellationToken cancellationToken) =>
        CallAsync(SlackMethod.Archive, Json(new ChannelArguments(channel), Wire.ChannelArguments), successError: "already_archived", cancellationToken);

    public async Task<string> OpenDirectMessageAsync(IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        ConversationResponse opened = await CallAsync(
            SlackMethod.OpenConversation,
            Json(new OpenConversationArguments(string.Join(',', users)), Wire.OpenConversationArguments),
            Wire.ConversationResponse,
            channel: null,
            cancellationToken);
        return opened.Channel.Id;
    }

    public async Task<SlackUser> GetUserAsync(string user, CancellationToken cancellationToken)
    {
        UserInfoResponse info = await CallAsync(SlackMethod.UserInfo, Form(("user", user)), Wire.UserInfoResponse, channel: null, cancellationToken);
        return info.User;
    }

    public async Task<IReadOnlyList<SlackUserGroup>> ListUserGroupsAsync(CancellationToken cancellationToken)
    {
        UserGroupsResponse groups = await CallAsync(SlackMethod.ListUserGroups, Form(("include_users", "true")), Wire.UserGroupsResponse, channel: null, cancellationToken);
        return groups.Usergroups;
    }

    public Task OpenViewAsync(string triggerId, ModalView view, CancellationToken cancellationToken) =>
        CallAsync(SlackMethod.OpenView, Json(new OpenViewArguments(triggerId, view), Wire.OpenViewArguments), successError: null, cancellationToken);

    public async Task<string> UploadFileAsync(FileUpload file, CancellationToken cancellationToken)
    {
        string length = file.Content.Length.ToString(CultureInfo.InvariantCulture);
        UploadUrlResponse target = await CallAsync(
            SlackMethod.GetUploadUrl, Form(("filename", file.Filename), ("length", length)), Wire.UploadUrlResponse, channel: null, cancellationToken);
        if (!Uri.TryCreate(target.UploadUrl, UriKind.Absolute, out Uri? uploadUrl) || uploadUrl.Scheme is not ("https" or "http"))
        {
            throw new SlackApiException(
                SlackMethod.GetUploadUrl.Name, "invalid_response", HttpStatusCode.OK, isRetryable: false, outcomeUnknown: false,
                detail: "upload_url is not an absolute http(s) URL");
        }

        // The upload URL is pre-authorised; the bot token stays off it (Slack's Python SDK sends none either).
        await SendAsync(
            SlackMethod.UploadBytes,
            channel: null,
            () => new HttpRequestMessage(HttpMethod.Post, uploadUrl)
            {
                Content = new ReadOnlyMemoryContent(file.Content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
            },
            expectEnvelope: false,
            successError: null,
            cancellationToken);

        var complete = new CompleteUploadArguments(
            [new UploadedFile(target.FileId, file.Title ?? file.Filename)], file.ChannelId, file.InitialComment, file.ThreadTs);
        await CallAsync(SlackMethod.CompleteUpload, Json(complete, Wire.CompleteUploadArguments), successError: null, cancellationToken);
        return target.FileId;
    }

    private async Task<T> CallAsync<T>(
        SlackMethod method, Func<HttpContent> body, JsonTypeInfo<T> answerType, string? channel, CancellationToken cancellationToken)
    {
        byte[] answer = await SendAsync(method, channel, () => ApiRequest(method, body), expectEnvelope: true, successError: null, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(answer, answerType) ?? throw new JsonException("The answer was JSON null.");
        }
        catch (JsonException ex)
        {
            // Slack said ok, so the call took effect: repeating it would not help and might repeat its effect.
            throw new SlackApiException(
                method.Name, "invalid_response", HttpStatusCode.OK, isRetryable: false, outcomeUnknown: false, detail: ex.Message, innerException: ex);
        }
    }

    /// <summary>A call whose answer holds nothing the caller needs; <paramref name="successError"/> is an error code that means "already so".</summary>
    private async Task CallAsync(SlackMethod method, Func<HttpContent> body, string? successError, CancellationToken cancellationToken) =>
        await SendAsync(method, channel: null, () => ApiRequest(method, body), expectEnvelope: true, successError, cancellationToken);

    private async Task<byte[]> SendAsync(
        SlackMethod method,
        string? channel,
        Func<HttpRequestMessage> createRequest,
        bool expectEnvelope,
        string? successError,
        CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            TimeSpan wait = limiter.Reserve(method, channel);
            if (wait > TimeSpan.Zero)
            {
                LogThrottled(logger, method.Name, wait);
                await Task.Delay(wait, time, cancellationToken);
            }

            TimeSpan delay;
            try
            {
                byte[] answer = await AttemptAsync(method, createRequest, expectEnvelope, successError, cancellationToken);
                metrics.Called(method, SlackApiMetrics.Ok);
                return answer;
            }
            catch (SlackApiException failure)
            {
                metrics.Called(method, failure.Error);
                if (failure.RetryAfter is { } retryAfter)
                {
                    LogRateLimited(logger, method.Name, retryAfter);
                    limiter.Pause(method, retryAfter);
                }
                delay = failure.RetryAfter ?? Backoff(attempt);
                if (!failure.IsRetryable || (failure.OutcomeUnknown && !method.IsIdempotent) || attempt >= MaxAttempts || delay > MaxDelay)
                {
                    LogFailed(logger, method.Name, failure.Error, (int?)failure.StatusCode, attempt, failure.IsRetryable, failure.OutcomeUnknown);
                    throw;
                }
                LogRetrying(logger, method.Name, failure.Error, attempt, MaxAttempts, delay);
            }
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private async Task<byte[]> AttemptAsync(
        SlackMethod method, Func<HttpRequestMessage> createRequest, bool expectEnvelope, string? successError, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using HttpRequestMessage request = createRequest();
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            byte[] body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            return Check(method, response, body, expectEnvelope, successError);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SlackApiException(
                method.Name, "timeout", statusCode: null, isRetryable: true, outcomeUnknown: true,
                detail: $"no answer within {AttemptTimeout.TotalSeconds:0} s", innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            // A connection that was never opened carried nothing; a failure after that may have reached Slack.
            bool neverSent = ex.HttpRequestError
                is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
            throw new SlackApiException(
                method.Name, "network_error", statusCode: null, isRetryable: true, outcomeUnknown: !neverSent, detail: ex.Message, innerException: ex);
        }
    }

    /// <summary>Returns the body of a successful answer, or throws what went wrong and whether trying again may help.</summary>
    private byte[] Check(SlackMethod method, HttpResponseMessage response, byte[] body, bool expectEnvelope, string? successError)
    {
        HttpStatusCode status = response.StatusCode;
        SlackEnvelope? envelope = expectEnvelope ? ReadEnvelope(body) : null;
        string error = envelope?.Error ?? (status == HttpStatusCode.TooManyRequests ? "ratelimited" : $"http_{(int)status}");
        if (status == HttpStatusCode.TooManyRequests)
        {
            throw Failure(method, error, status, isRetryable: true, outcomeUnknown: false, RetryAfter(response), envelope);
        }
        if ((int)status >= 500 || status == HttpStatusCode.RequestTimeout)
        {
            throw Failure(method, error, status, isRetryable: true, outcomeUnknown: true, RetryAfter(response), envelope);
        }
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(method, error, status, isRetryable: false, outcomeUnknown: false, retryAfter: null, envelope);
        }
        if (!expectEnvelope)
        {
            return body;
        }
        if (envelope is null)
        {
            throw new SlackApiException(
                method.Name, "invalid_response", status, isRetryable: true, outcomeUnknown: true, detail: "the answer is not a Slack JSON object");
        }
        if (envelope.Ok || (successError is not null && envelope.Error == successError))
        {
            LogSlackWarnings(method, envelope);
            return body;
        }

        error = envelope.Error ?? "unknown_error";
        bool retryable = error is "ratelimited" or "internal_error" or "service_unavailable" or "request_timeout" or "fatal_error";
        bool outcomeUnknown = error is "internal_error" or "fatal_error"; // Slack: some of the work may have been done
        throw Failure(method, error, status, retryable, outcomeUnknown, retryable ? RetryAfter(response) : null, envelope);
    }

    private static SlackApiException Failure(
        SlackMethod method, string error, HttpStatusCode status, bool isRetryable, bool outcomeUnknown, TimeSpan? retryAfter, SlackEnvelope? envelope)
    {
        List<string> details = [];
        if (envelope?.Needed is not null)
        {
            details.Add($"needed scope {envelope.Needed}, provided {envelope.Provided}");
        }
        details.AddRange(envelope?.ResponseMetadata?.Messages ?? []);
        return new SlackApiException(
            method.Name, error, status, isRetryable, outcomeUnknown, retryAfter, details.Count == 0 ? null : string.Join("; ", details));
    }

    private static SlackEnvelope? ReadEnvelope(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, Wire.SlackEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static TimeSpan Backoff(int attempt)
    {
        TimeSpan ceiling = BaseDelay * Math.Pow(2, attempt - 1);
        return (ceiling < MaxDelay ? ceiling : MaxDelay) * Random.Shared.NextDouble(); // full jitter
    }

    private HttpRequestMessage ApiRequest(SlackMethod method, Func<HttpContent> body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(method.Name, UriKind.Relative)) { Content = body() };
        string? token = options.Value.BotToken;
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    /// <summary>A JSON body (<c>application/json; charset=utf-8</c>), serialized once and sent as often as attempts need.</summary>
    private static Func<HttpContent> Json<T>(T value, JsonTypeInfo<T> type)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        return () => new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };
    }

    /// <summary>A form body (<c>application/x-www-form-urlencoded</c>, no charset), for methods that take no JSON.</summary>
    private static Func<HttpContent> Form(params (string Name, string Value)[] fields) =>
        () => new FormUrlEncodedContent(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));

    private void LogSlackWarnings(SlackMethod method, SlackEnvelope envelope)
    {
        IEnumerable<string> warnings = (envelope.Warning?.Split(',') ?? []).Concat(envelope.ResponseMetadata?.Warnings ?? []).Distinct();
        string joined = string.Join(", ", warnings);
        if (joined.Length > 0)
        {
            LogWarnings(logger, method.Name, joined);
        }
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning,
        Message = "Slack {Method} failed with {Error} on attempt {Attempt} of {MaxAttempts}; trying again in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string method, string error, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "Slack asked for {RetryAfter} before the next {Method} call (Retry-After); holding every call of it back until then")]
    private static partial void LogRateLimited(ILogger logger, string method, TimeSpan retryAfter);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Waiting {Wait} before calling Slack {Method}, to stay within its rate limit")]
    private static partial void LogThrottled(ILogger logger, string method, TimeSpan wait);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning,
        Message = "Slack {Method} failed with {Error} (HTTP {Status}) after {Attempts} attempt(s); retryable: {Retryable}, outcome unknown: {OutcomeUnknown}")]
    private static partial void LogFailed(ILogger logger, string method, string error, int? status, int attempts, bool retryable, bool outcomeUnknown);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Slack {Method} succeeded with warnings: {Warnings}")]
    private static partial void LogWarnings(ILogger logger, string method, string warnings);
}
