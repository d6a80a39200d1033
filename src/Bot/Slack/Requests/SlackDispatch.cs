using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Events;
using ChatOpsIncidents.Bot.Slack.Interactions;
using ChatOpsIncidents.Core.Requests;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// Where every transport (the HTTP endpoints, Socket Mode) hands a verified slash command, interaction or event: the handler runs in
/// the background with its own scope, and the caller gets the immediate answer when the handler is done or after
/// <see cref="SlackAnswerDeadline.Budget"/>, whichever comes first; what comes later goes through <c>response_url</c>.
/// Failures become an apology, never a stack trace.
/// </summary>
internal sealed partial class SlackDispatch(SlackBackgroundWork background, HandledRequests handled, TimeProvider time, ILogger<SlackDispatch> logger)
{
    public const string WorkingOnIt = "Working on it… I'll post the result here in a moment.";

    /// <summary>Slack's event ids are short (<c>Ev0123ABCD</c>); longer ones are not Slack's and are not stored.</summary>
    private const int MaxEventIdLength = 100;

    public const string Apology = "Sorry, that failed on my side and the error is logged. Check the incident with `/incident show` before trying again.";

    /// <summary>
    /// The immediate answer to <paramref name="command"/>; null when there is nothing to show. <paramref name="replayKey"/> is the
    /// key its handler records it by (<see cref="ReplayRecord.InTheHandlersWrite"/>); null when it was recorded already.
    /// </summary>
    public async Task<SlackReply?> AnswerCommandAsync(SlashCommand command, string? replayKey, CancellationToken cancellationToken)
    {
        LogCommand(logger, command.Command, command.UserId);
        Task<SlackReply?> work = background.Run(
            (services, token) => services.GetRequiredService<SlashCommandDispatcher>().HandleAsync(command, replayKey, token));
        if (await SlackAnswerDeadline.IsDoneWithinAsync(work, SlackAnswerDeadline.Budget, time, cancellationToken))
        {
            return await ReplyOrApologyAsync(work, command.Command);
        }
        LogLate(logger, command.Command);
        background.Start("a late slash command reply", async (services, token) =>
        {
            if (await ReplyOrApologyAsync(work, command.Command) is { } reply && command.ResponseUrl is { } responseUrl)
            {
                await services.GetRequiredService<SlackResponseUrlClient>().PostAsync(responseUrl, reply, token);
            }
        });
        return new SlackReply(WorkingOnIt);
    }

    /// <summary>The immediate answer to <paramref name="payload"/>: empty, or the errors that keep a submitted form open.</summary>
    public async Task<InteractionAnswer> AnswerInteractionAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        Task<InteractionAnswer> work = background.Run((services, token) => services.GetRequiredService<InteractionDispatcher>().HandleAsync(payload, token));
        if (await SlackAnswerDeadline.IsDoneWithinAsync(work, SlackAnswerDeadline.Budget, time, cancellationToken))
        {
            return await AnswerOrApologyAsync(work, payload);
        }
        LogLate(logger, payload.Type);
        background.Start("a late interaction", async (_, _) =>
        {
            if ((await AnswerOrApologyAsync(work, payload)).Errors is not null && InteractionDispatcher.ReplyTargetFor(payload) is { } target)
            {
                background.TellUser(target, "The form had a problem, but by then it had closed. Please open it again: `/incident new`.");
            }
        });
        return InteractionAnswer.Empty;
    }

    /// <summary>
    /// Starts the work an event asks for and returns: Slack needs nothing but the 2xx. An event Slack sends again (same
    /// <c>event_id</c>, on any transport or replica) is not acted on twice.
    /// </summary>
    public async Task HandleEventAsync(EventCallback callback, CancellationToken cancellationToken)
    {
        if (callback is not { Type: EventCallback.Callback, EventId.Length: > 0 and <= MaxEventIdLength, Event: { Type: SlackEvent.AppMention } mention })
        {
            LogIgnoredEvent(logger, callback.Event?.Type ?? callback.Type);
            return;
        }
        if (!await handled.FirstTimeAsync($"slack-event:{callback.EventId}", cancellationToken))
        {
            LogRepeatedEvent(logger, callback.EventId);
            return;
        }
        background.Start("an app mention", (services, token) => services.GetRequiredService<AppMentionHandler>().HandleAsync(mention, token));
    }

    private async Task<SlackReply?> ReplyOrApologyAsync(Task<SlackReply?> work, string command)
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

    private async Task<InteractionAnswer> AnswerOrApologyAsync(Task<InteractionAnswer> work, InteractionPayload payload)
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

    [LoggerMessage(EventId = 2242, Level = LogLevel.Warning, Message = "Slack {What} took longer than the answer budget; finishing in the background")]
    private static partial void LogLate(ILogger logger, string what);

    [LoggerMessage(EventId = 2243, Level = LogLevel.Error, Message = "Handling Slack {What} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);

    [LoggerMessage(EventId = 2248, Level = LogLevel.Information, Message = "Ignored a Slack event of type {Type}")]
    private static partial void LogIgnoredEvent(ILogger logger, string type);

    [LoggerMessage(EventId = 2249, Level = LogLevel.Information, Message = "Ignored Slack event {EventId}: it was handled before (a retry)")]
    private static partial void LogRepeatedEvent(ILogger logger, string? eventId);
}
