using System.Text.Json;
using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Events;
using ChatOpsIncidents.Bot.Slack.Interactions;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// <c>POST /slack/commands</c>, <c>POST /slack/interactions</c> and <c>POST /slack/events</c>. Each request is verified (<see cref="SlackRequestReader"/>),
/// parsed into the payload record and handed to <see cref="SlackDispatch"/>, as Socket Mode does; its answer becomes the
/// response. Expected failures are 200s with an ephemeral message, never a stack trace.
/// </summary>
internal static partial class SlackEndpoints
{
    /// <summary>Slash command bodies are small: the command text is at most a few thousand characters.</summary>
    public const int MaxCommandBodyBytes = 64 * 1024;

    /// <summary>A button press carries the whole message it was on; a full incident card at Block Kit limits is far below this.</summary>
    public const int MaxInteractionBodyBytes = 1024 * 1024;

    /// <summary>An Events API body carries one event; an app mention's text is at most a message (40 000 characters).</summary>
    public const int MaxEventBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder slack = app.MapGroup("/slack").WithTags("Slack");
        slack.MapPost("/commands", ReceiveCommandAsync).WithName("ReceiveSlackCommand")
            .WithSummary("Slack slash commands (/incident). Signed by Slack; answered within 3 s with an ephemeral message.")
            .Produces<SlackReply>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        slack.MapPost("/interactions", ReceiveInteractionAsync).WithName("ReceiveSlackInteraction")
            .WithSummary("Slack buttons, menus and modal submissions (form field \"payload\"). Signed by Slack; answered within 3 s.")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        slack.MapPost("/events", ReceiveEventAsync).WithName("ReceiveSlackEvent")
            .WithSummary("Slack Events API (app_mention), and the url_verification challenge. Signed by Slack; answered at once, the work follows.")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    public static async Task<IResult> ReceiveCommandAsync(
        HttpRequest request, SlackRequestReader reader, SlackDispatch dispatch, ILogger<SlackRequestReader> logger, CancellationToken cancellationToken)
    {
        SlackRequestRead read = await reader.ReadAsync(
            request, MaxCommandBodyBytes, form => form.ToSlashCommand() is { } command ? SlashCommandDispatcher.ReplayRecordOf(command) : ReplayRecord.Durable,
            cancellationToken);
        if (!read.IsAccepted)
        {
            return read.Refusal;
        }
        if (read.Form.IsSslCheck)
        {
            return TypedResults.Ok();
        }
        if (read.Form.ToSlashCommand() is not { } command)
        {
            LogMalformed(logger, "a slash command without \"command\" or \"user_id\"");
            return Problems.BadRequest("Malformed slash command", "A slash command needs the form fields \"command\" and \"user_id\".");
        }
        SlackReply? reply = await dispatch.AnswerCommandAsync(command, read.ReplayKey, cancellationToken);
        return reply is null ? TypedResults.Ok() : TypedResults.Json(reply, SlackRequestsJsonContext.Default.SlackReply);
    }

    public static async Task<IResult> ReceiveInteractionAsync(
        HttpRequest request, SlackRequestReader reader, SlackDispatch dispatch, ILogger<SlackRequestReader> logger, CancellationToken cancellationToken)
    {
        SlackRequestRead read = await reader.ReadAsync(request, MaxInteractionBodyBytes, replayRecord: null, cancellationToken);
        if (!read.IsAccepted)
        {
            return read.Refusal;
        }
        if (ParsePayload(read.Form["payload"], logger) is not { } payload)
        {
            return Problems.BadRequest("Malformed interaction", "An interaction needs the form field \"payload\" holding Slack's JSON interaction payload.");
        }
        if (reader.RefusalFor(payload.Team?.Id, payload.ApiAppId) is { } refusal)
        {
            return refusal;
        }
        InteractionAnswer answer = await dispatch.AnswerInteractionAsync(payload, cancellationToken);
        return answer.Errors is { } errors ? TypedResults.Json(errors, SlackRequestsJsonContext.Default.ViewSubmissionReply) : TypedResults.Ok();
    }

    public static async Task<IResult> ReceiveEventAsync(
        HttpRequest request, SlackRequestReader reader, SlackDispatch dispatch, ILogger<SlackRequestReader> logger, CancellationToken cancellationToken)
    {
        SlackRequestRead read = await reader.ReadAsync(request, MaxEventBodyBytes, replayRecord: null, cancellationToken);
        if (!read.IsAccepted)
        {
            return read.Refusal;
        }
        if (ParseEvent(read.Body, logger) is not { } callback)
        {
            return Problems.BadRequest("Malformed event", "An Events API request needs a JSON body with a \"type\".");
        }
        if (callback is { Type: EventCallback.UrlVerification, Challenge: { } challenge })
        {
            return TypedResults.Text(challenge, "text/plain");
        }
        if (reader.RefusalFor(callback.TeamId, callback.ApiAppId) is { } refusal)
        {
            return refusal;
        }
        await dispatch.HandleEventAsync(callback, cancellationToken);
        return TypedResults.Ok();
    }

    private static EventCallback? ParseEvent(byte[] body, ILogger logger)
    {
        try
        {
            return JsonSerializer.Deserialize(body, SlackRequestsJsonContext.Default.EventCallback);
        }
        catch (JsonException exception)
        {
            LogMalformed(logger, $"an event that is not valid JSON ({exception.Message})");
            return null;
        }
    }

    private static InteractionPayload? ParsePayload(string? json, ILogger logger)
    {
        if (json is null)
        {
            LogMalformed(logger, "an interaction without a \"payload\" field");
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(json, SlackRequestsJsonContext.Default.InteractionPayload);
        }
        catch (JsonException exception)
        {
            LogMalformed(logger, $"an interaction payload that is not valid JSON ({exception.Message})");
            return null;
        }
    }

    [LoggerMessage(EventId = 2241, Level = LogLevel.Warning, Message = "Rejected a signed Slack request: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string problem);
}
