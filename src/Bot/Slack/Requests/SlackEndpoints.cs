using System.Text.Json;
using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Interactions;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// <c>POST /slack/commands</c> and <c>POST /slack/interactions</c>. Each request is verified (<see cref="SlackRequestReader"/>),
/// parsed into the payload record and handed to its handler, which knows nothing of HTTP. The handler runs in the background
/// with its own scope; Slack gets its answer when the handler is done or after <see cref="SlackAnswerDeadline.Budget"/>,
/// whichever comes first. Expected failures are 200s with an ephemeral message, never a stack trace.
/// </summary>
internal static partial class SlackEndpoints
{
    /// <summary>Slash command bodies are small: the command text is at most a few thousand characters.</summary>
    public const int MaxCommandBodyBytes = 64 * 1024;

    /// <summary>A button press carries the whole message it was on; a full incident card at Block Kit limits is far below this.</summary>
    public const int MaxInteractionBodyBytes = 1024 * 1024;

    public const string WorkingOnIt = "Working on it… I'll post the result here in a moment.";

    public const string Apology = "Sorry, that failed on my side and the error is logged. Check the incident with `/incident show` before trying again.";

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
        return app;
    }

    public static async Task<IResult> ReceiveCommandAsync(
        HttpRequest request,
        SlackRequestReader reader,
        SlackBackgroundWork background,
        TimeProvider time,
        ILogger<SlackRequestReader> logger,
        CancellationToken cancellationToken)
    {
        SlackRequestRead read = await reader.ReadAsync(request, MaxCommandBodyBytes, cancellationToken);
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
        LogCommand(logger, command.Command, command.UserId);
        Task<SlackReply?> work = background.Run((services, token) => services.GetRequiredService<SlashCommandDispatcher>().HandleAsync(command, token));
        if (await SlackAnswerDeadline.IsDoneWithinAsync(work, SlackAnswerDeadline.Budget, time, cancellationToken))
        {
            return Answer(await ReplyOrApologyAsync(work, command.Command, logger));
        }
        LogLate(logger, command.Command);
        background.Start("a late slash command reply", async (services, token) =>
        {
            if (await ReplyOrApologyAsync(work, command.Command, logger) is { } reply && command.ResponseUrl is { } responseUrl)
            {
                await services.GetRequiredService<SlackResponseUrlClient>().PostAsync(responseUrl, reply, token);
            }
        });
        return Answer(new SlackReply(WorkingOnIt));
    }

    public static async Task<IResult> ReceiveInteractionAsync(
        HttpRequest request,
        SlackRequestReader reader,
        SlackBackgroundWork background,
        TimeProvider time,
        ILogger<SlackRequestReader> logger,
        CancellationToken cancellationToken)
    {
        SlackRequestRead read = await reader.ReadAsync(request, MaxInteractionBodyBytes, cancellationToken);
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
        Task<InteractionAnswer> work = background.Run((services, token) => services.GetRequiredService<InteractionDispatcher>().HandleAsync(payload, token));
        if (await SlackAnswerDeadline.IsDoneWithinAsync(work, SlackAnswerDeadline.Budget, time, cancellationToken))
        {
            InteractionAnswer answer = await AnswerOrApologyAsync(work, payload, background, logger);
            return answer.Errors is { } errors ? TypedResults.Json(errors, SlackRequestsJsonContext.Default.ViewSubmissionReply) : TypedResults.Ok();
        }
        LogLate(logger, payload.Type);
        background.Start("a late interaction", async (_, _) =>
        {
            if ((await AnswerOrApologyAsync(work, payload, background, logger)).Errors is not null && InteractionDispatcher.ReplyTargetFor(payload) is { } target)
            {
                background.TellUser(target, "The form had a problem, but by then it had closed. Please open it again: `/incident new`.");
            }
        });
        return TypedResults.Ok();
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

    private static IResult Answer(SlackReply? reply) => reply is null
        ? TypedResults.Ok()
        : TypedResults.Json(reply, SlackRequestsJsonContext.Default.SlackReply);

    private static async Task<SlackReply?> ReplyOrApologyAsync(Task<SlackReply?> work, string command, ILogger logger)
    {
        try
        {
            return await work;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception, command);
            return new SlackReply(Apology);
        }
    }

    private static async Task<InteractionAnswer> AnswerOrApologyAsync(
        Task<InteractionAnswer> work, InteractionPayload payload, SlackBackgroundWork background, ILogger logger)
    {
        try
        {
            return await work;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception, payload.Type);
            if (InteractionDispatcher.ReplyTargetFor(payload) is { } target)
            {
                background.TellUser(target, Apology);
            }
            return InteractionAnswer.Empty;
        }
    }

    [LoggerMessage(EventId = 2240, Level = LogLevel.Information, Message = "Slack command {Command} from {User}")]
    private static partial void LogCommand(ILogger logger, string command, string user);

    [LoggerMessage(EventId = 2241, Level = LogLevel.Warning, Message = "Rejected a signed Slack request: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string problem);

    [LoggerMessage(EventId = 2242, Level = LogLevel.Warning, Message = "Slack {What} took longer than the answer budget; finishing in the background")]
    private static partial void LogLate(ILogger logger, string what);

    [LoggerMessage(EventId = 2243, Level = LogLevel.Error, Message = "Handling Slack {What} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);
}
