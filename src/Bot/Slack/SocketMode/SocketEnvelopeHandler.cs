using System.Text.Json;
using ChatOpsIncidents.Bot.Slack.Interactions;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Requests;

namespace ChatOpsIncidents.Bot.Slack.SocketMode;

/// <summary>
/// What a Socket Mode envelope comes to: its payload goes to <see cref="SlackDispatch"/>, as an HTTP request's does, and the
/// immediate answer becomes the ack's payload. An envelope delivered again (Slack's retry after a lost ack, on any connection
/// of any replica) is acknowledged without acting twice: its id is recorded in <see cref="HandledRequests"/> first.
/// </summary>
internal sealed partial class SocketEnvelopeHandler(
    HandledRequests handled, SlackDispatch dispatch, SocketModeMetrics metrics, ILogger<SocketEnvelopeHandler> logger)
{
    public async Task<JsonElement?> AnswerAsync(SocketEnvelope envelope, CancellationToken cancellationToken)
    {
        metrics.Received(envelope.Type);
        if (!await handled.FirstTimeAsync($"slack-envelope:{envelope.EnvelopeId}", cancellationToken))
        {
            LogRedelivered(logger, envelope.Type, envelope.RetryAttempt);
            return null;
        }
        switch (envelope.Type)
        {
            case SocketEnvelope.SlashCommands when Read(envelope, SlackRequestsJsonContext.Default.SlashCommand) is { } command:
                SlackReply? reply = await dispatch.AnswerCommandAsync(command, replayKey: null, cancellationToken); // recorded above
                return reply is null ? null : JsonSerializer.SerializeToElement(reply, SlackRequestsJsonContext.Default.SlackReply);
            case SocketEnvelope.Interactive when Read(envelope, SlackRequestsJsonContext.Default.InteractionPayload) is { } payload:
                InteractionAnswer answer = await dispatch.AnswerInteractionAsync(payload, cancellationToken);
                return answer.Errors is { } errors ? JsonSerializer.SerializeToElement(errors, SlackRequestsJsonContext.Default.ViewSubmissionReply) : null;
            case SocketEnvelope.EventsApi when Read(envelope, SlackRequestsJsonContext.Default.EventCallback) is { } callback:
                await dispatch.HandleEventAsync(callback, cancellationToken);
                return null;
            default:
                LogIgnored(logger, envelope.Type);
                return null;
        }
    }

    private T? Read<T>(SocketEnvelope envelope, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return envelope.Payload?.Deserialize(type);
        }
        catch (JsonException exception)
        {
            LogMalformed(logger, envelope.Type, exception.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 2304, Level = LogLevel.Warning, Message = "Acknowledged a redelivered Socket Mode {Type} envelope (retry {RetryAttempt}) without acting again")]
    private static partial void LogRedelivered(ILogger logger, string type, int retryAttempt);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Information, Message = "Acknowledged a Socket Mode {Type} envelope the bot does not act on")]
    private static partial void LogIgnored(ILogger logger, string type);

    [LoggerMessage(EventId = 2306, Level = LogLevel.Warning, Message = "Acknowledged a malformed Socket Mode {Type} envelope without acting: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string type, string problem);
}
