using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Interactions;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Execution;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>
/// The runbook buttons: a runbook chosen in the incident card's menu (answered with its confirmation or its dry run, only to
/// the person who chose it), and Run / Cancel on a confirmation. Run consumes the stored pending run (only the person it was shown to, once,
/// before it expires) and asks the runner again with its parameters, as that person, so every guard holds for them.
/// </summary>
internal sealed partial class RunbookActionHandler(
    RunbookLauncher launcher, PendingRunbookRuns pendingRuns, IncidentQueries queries, SlackBackgroundWork background, ILogger<RunbookActionHandler> logger)
{
    public const string ExpiredOrUsed = "This confirmation has expired or was already used: nothing ran. Ask again with `/runbook run`.";

    public async Task ChooseFromCardAsync(InteractionPayload payload, InteractionUser user, IncidentMenuChoice choice, CancellationToken cancellationToken)
    {
        Incident? incident = await queries.FindAsync(choice.Key, cancellationToken);
        var request = new RunRequest(choice.RunbookId!, Actor.SlackUser(user.Id, user.Username ?? user.Name), choice.Key)
        {
            Labels = incident is null ? new Dictionary<string, string>() : IncidentRunbooks.Labels(incident),
            DryRun = choice.DryRun,
        };
        Answer(payload, await launcher.LaunchAsync(request, ChannelOf(payload), cancellationToken), replaceOriginal: false);
    }

    public async Task HandleAsync(InteractionPayload payload, InteractionUser user, BlockAction action, CancellationToken cancellationToken)
    {
        if (action.ActionId == RunbookActions.Cancel)
        {
            Answer(payload, new SlackReply($"Cancelled: `{Mrkdwn.Escape(action.Value ?? "the runbook")}` did not run."), replaceOriginal: true);
            return;
        }
        if (action.ActionId != RunbookActions.Confirm || !Guid.TryParseExact(action.Value, "N", out Guid id))
        {
            LogUnreadable(logger, action.ActionId);
            return;
        }
        if (await pendingRuns.ConsumeAsync(id, user.Id, cancellationToken) is not { } pending)
        {
            Answer(payload, new SlackReply(ExpiredOrUsed), replaceOriginal: true);
            return;
        }
        IncidentKey? key = pending.IncidentId is { } number ? new IncidentKey(number) : null;
        var request = new RunRequest(pending.RunbookId, Actor.SlackUser(user.Id, user.Username ?? user.Name), key)
        {
            Given = pending.Parameters,
            Confirmed = true,
        };
        Answer(payload, await launcher.LaunchAsync(request, ChannelOf(payload), cancellationToken), replaceOriginal: true);
    }

    private static string? ChannelOf(InteractionPayload payload) => payload.Channel?.Id ?? payload.Container?.ChannelId;

    /// <summary>Through the response_url: replacing the confirmation once it was answered, else as a new ephemeral message.</summary>
    private void Answer(InteractionPayload payload, SlackReply reply, bool replaceOriginal)
    {
        if (payload.ResponseUrl is { } responseUrl)
        {
            background.Start("answering a runbook action", (services, token) =>
                services.GetRequiredService<SlackResponseUrlClient>().PostAsync(responseUrl, reply with { ReplaceOriginal = replaceOriginal }, token));
        }
        else if (InteractionDispatcher.ReplyTargetFor(payload) is { } target)
        {
            background.TellUser(target, reply.Text);
        }
    }

    [LoggerMessage(EventId = 2270, Level = LogLevel.Warning, Message = "Runbook action {Action} carried a value that names no run")]
    private static partial void LogUnreadable(ILogger logger, string action);
}
