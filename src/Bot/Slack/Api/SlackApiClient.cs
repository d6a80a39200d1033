using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// <see cref="ISlackApi"/> over a typed <see cref="HttpClient"/> (base address <c>Slack:ApiBaseUrl</c>, bot token as bearer).
/// Each request carries its <see cref="SlackCall"/>; the client's handlers make the attempts (<see cref="SlackAttemptHandler"/>:
/// rate limits, timeout, what Slack's answer means) and retry them (<see cref="SlackRetries"/>), so what arrives here is Slack's
/// successful answer, or a <see cref="SlackApiException"/> after the last attempt. The client and its handlers log attempts and
/// failures at Debug only: whoever made the call knows what it was for (the incident, the person) and logs its failure once.
/// </summary>
internal sealed partial class SlackApiClient(HttpClient http, IOptions<SlackOptions> options, ILogger<SlackApiClient> logger) : ISlackApi
{
    private static SlackJsonContext Wire => SlackJsonContext.Default;

    public Task<PostedMessage> PostMessageAsync(PostMessageRequest message, CancellationToken cancellationToken) =>
        CallAsync(new SlackCall(SlackMethod.PostMessage, message.Channel), Json(message, Wire.PostMessageRequest), Wire.PostedMessage, cancellationToken);

    public Task UpdateMessageAsync(UpdateMessageRequest message, CancellationToken cancellationToken) =>
        CallAsync(new SlackCall(SlackMethod.Update), Json(message, Wire.UpdateMessageRequest), cancellationToken);

    public Task PostEphemeralAsync(PostEphemeralRequest message, CancellationToken cancellationToken) =>
        CallAsync(new SlackCall(SlackMethod.PostEphemeral), Json(message, Wire.PostEphemeralRequest), cancellationToken);

    public async Task<SlackChannel> CreateChannelAsync(string name, bool isPrivate, CancellationToken cancellationToken)
    {
        ConversationResponse created = await CallAsync(
            new SlackCall(SlackMethod.CreateConversation),
            Json(new CreateChannelArguments(name, isPrivate), Wire.CreateChannelArguments),
            Wire.ConversationResponse,
            cancellationToken);
        return new SlackChannel(created.Channel.Id, created.Channel.Name ?? name);
    }

    public Task InviteToChannelAsync(string channel, IReadOnlyList<string> users, CancellationToken cancellationToken) =>
        CallAsync(
            new SlackCall(SlackMethod.Invite, successError: "already_in_channel"),
            Json(new InviteArguments(channel, string.Join(',', users), Force: true), Wire.InviteArguments),
            cancellationToken);

    public Task SetChannelTopicAsync(string channel, string topic, CancellationToken cancellationToken) =>
        CallAsync(new SlackCall(SlackMethod.SetTopic), Json(new SetTopicArguments(channel, topic), Wire.SetTopicArguments), cancellationToken);

    public Task ArchiveChannelAsync(string channel, CancellationToken cancellationToken) =>
        CallAsync(new SlackCall(SlackMethod.Archive, successError: "already_archived"), Json(new ChannelArguments(channel), Wire.ChannelArguments), cancellationToken);

    public async Task<string> OpenDirectMessageAsync(IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        ConversationResponse opened = await CallAsync(
            new SlackCall(SlackMethod.OpenConversation),
            Json(new OpenConversationArguments(string.Join(',', users)), Wire.OpenConversationArguments),
            Wire.ConversationResponse,
            cancellationToken);
        return opened.Channel.Id;
    }

    public async Task<SlackUser> GetUserAsync(string user, CancellationToken cancellationToken)
    {
        UserInfoResponse info = await CallAsync(new SlackCall(SlackMethod.UserInfo), Form(("user", user)), Wire.UserInfoResponse, cancellationToken);
        return info.User;
    }

    public async Task<SlackUser> LookUpUserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        UserInfoResponse found = await CallAsync(new SlackCall(SlackMethod.LookUpUserByEmail), Form(("email", email)), Wire.UserInfoResponse, cancellationToken);
        return found.User;
    }

    public async Task<IReadOnlyList<SlackUserGroup>> ListUserGroupsAsync(CancellationToken cancellationToken)
    {
        UserGroupsResponse groups = await CallAsync(new SlackCall(SlackMethod.ListUserGroups), Form(("include_users", "true")), Wire.UserGroupsResponse, cancellationToken);
        return groups.Usergroups;
    }

    public Task OpenViewAsync(string triggerId, ModalView view, CancellationToken cancellationToken) =>
        CallAsync(new SlackCall(SlackMethod.OpenView), Json(new OpenViewArguments(triggerId, view), Wire.OpenViewArguments), cancellationToken);

    public Task DeleteFileAsync(string fileId, CancellationToken cancellationToken) =>
        CallAsync(new SlackCall(SlackMethod.DeleteFile, successError: "file_not_found"), Form(("file", fileId)), cancellationToken);

    public async Task<string> UploadFileAsync(FileUpload file, CancellationToken cancellationToken)
    {
        string length = file.Content.Length.ToString(CultureInfo.InvariantCulture);
        UploadUrlResponse target = await CallAsync(
            new SlackCall(SlackMethod.GetUploadUrl), Form(("filename", file.Filename), ("length", length)), Wire.UploadUrlResponse, cancellationToken);
        if (!Uri.TryCreate(target.UploadUrl, UriKind.Absolute, out Uri? uploadUrl) || uploadUrl.Scheme is not ("https" or "http"))
        {
            throw SlackAnswers.InvalidAnswer(SlackMethod.GetUploadUrl, "upload_url is not an absolute http(s) URL");
        }

        // The upload URL is pre-authorised; the bot token stays off it (Slack's Python SDK sends none either).
        var upload = new HttpRequestMessage(HttpMethod.Post, uploadUrl)
        {
            Content = new ReadOnlyMemoryContent(file.Content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        };
        await SendAsync(new SlackCall(SlackMethod.UploadBytes, expectEnvelope: false), upload, cancellationToken);

        var complete = new CompleteUploadArguments(
            [new UploadedFile(target.FileId, file.Title ?? file.Filename)], file.ChannelId, file.InitialComment, file.ThreadTs);
        await CallAsync(new SlackCall(SlackMethod.CompleteUpload), Json(complete, Wire.CompleteUploadArguments), cancellationToken);
        return target.FileId;
    }

    private async Task<T> CallAsync<T>(SlackCall call, HttpContent body, JsonTypeInfo<T> answerType, CancellationToken cancellationToken)
    {
        byte[] answer = await SendAsync(call, ApiRequest(call.Method, body), cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(answer, answerType) ?? throw new JsonException("The answer was JSON null.");
        }
        catch (JsonException exception)
        {
            throw SlackAnswers.InvalidAnswer(call.Method, exception.Message, exception);
        }
    }

    /// <summary>A call whose answer holds nothing the caller needs.</summary>
    private async Task CallAsync(SlackCall call, HttpContent body, CancellationToken cancellationToken) =>
        await SendAsync(call, ApiRequest(call.Method, body), cancellationToken);

    private async Task<byte[]> SendAsync(SlackCall call, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            call.AttachTo(request);
            try
            {
                using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                return await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }
            catch (SlackApiException failure)
            {
                LogFailed(logger, call.Method.Name, failure.Error, (int?)failure.StatusCode, call.Attempts, failure.IsRetryable, failure.OutcomeUnknown);
                throw;
            }
        }
    }

    private HttpRequestMessage ApiRequest(SlackMethod method, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(method.Name, UriKind.Relative)) { Content = body };
        string? token = options.Value.BotToken;
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    /// <summary>A JSON body (<c>application/json; charset=utf-8</c>), which every attempt sends again.</summary>
    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> type) => new(JsonSerializer.SerializeToUtf8Bytes(value, type))
    {
        Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
    };

    /// <summary>A form body (<c>application/x-www-form-urlencoded</c>, no charset), for methods that take no JSON.</summary>
    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug,
        Message = "Slack {Method} failed with {Error} (HTTP {Status}) after {Attempts} attempt(s); retryable: {Retryable}, outcome unknown: {OutcomeUnknown}")]
    private static partial void LogFailed(ILogger logger, string method, string error, int? status, int attempts, bool retryable, bool outcomeUnknown);
}
