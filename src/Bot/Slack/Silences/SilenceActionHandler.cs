using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Interactions;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Slack.Responders;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Silences;

/// <summary>
/// "Silence 1h / 4h / until resolved" in the incident card's menu (answered with the silence's confirmation, only to the person
/// who chose it), and Silence / Cancel on a confirmation. Silence makes the silence as that person, when they are among
/// <c>Slack:Responders</c>, after Slack got its answer; the confirmation is then replaced with what happened.
/// </summary>
internal sealed partial class SilenceActionHandler(
    IncidentSilencing silencing, IncidentResponders responders, SlackBackgroundWork background, ILogger<SilenceActionHandler> logger)
{
    public async Task ChooseFromCardAsync(InteractionPayload payload, InteractionUser user, IncidentKey key, SilenceLength length, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(payload, user, cancellationToken))
        {
            return;
        }
        SilencePlan plan = await silencing.PlanAsync(key, length, cancellationToken);
        Answer(payload, SilenceConfirmation.Render(plan, key, user.Id, length, reason: null), replaceOriginal: false);
    }

    public async Task HandleAsync(InteractionPayload payload, InteractionUser user, BlockAction action, CancellationToken cancellationToken)
    {
        if (action.ActionId == SilenceActions.Cancel)
        {
            Answer(payload, new SlackReply($"Cancelled: the alerts of *{Mrkdwn.Escape(action.Value ?? "the incident")}* were not silenced."), replaceOriginal: true);
            return;
        }
        if (action.ActionId != SilenceActions.Confirm || !SilenceConfirmation.TryParse(action.Value, out SilenceConfirmation? confirmation))
        {
            LogUnreadable(logger, action.ActionId);
            return;
        }
        if (confirmation.UserId != user.Id)
        {
            Answer(payload, new SlackReply($"This confirmation is for {Mrkdwn.User(confirmation.UserId)}: nothing was silenced."), replaceOriginal: false);
            return;
        }
        if (await RefusedAsync(payload, user, cancellationToken))
        {
            return;
        }
        Actor actor = Actor.SlackUser(user.Id, user.Username ?? user.Name);
        background.Start("silencing an incident's alerts", async (services, token) =>
        {
            SilenceOutcome outcome = await services.GetRequiredService<IncidentSilencing>()
                .SilenceAsync(confirmation.Key, confirmation.Length, confirmation.Reason, actor, token);
            Answer(payload, new SlackReply(SilenceConfirmation.Outcome(confirmation.Key, outcome)), replaceOriginal: true);
        });
    }

    private async Task<bool> RefusedAsync(InteractionPayload payload, InteractionUser user, CancellationToken cancellationToken)
    {
        if (await responders.RefusalForAsync(user.Id, cancellationToken) is not { } refusal)
        {
            return false;
        }
        Answer(payload, new SlackReply(refusal), replaceOriginal: false);
        return true;
    }

    /// <summary>Through the response_url, replacing the confirmation or as a new ephemeral message; without one, in the channel.</summary>
    private void Answer(InteractionPayload payload, SlackReply reply, bool replaceOriginal)
    {
        if (payload.ResponseUrl is { } responseUrl)
        {
            background.Start("answering a silence action", (services, token) =>
                services.GetRequiredService<SlackResponseUrlClient>().PostAsync(responseUrl, reply with { ReplaceOriginal = replaceOriginal }, token));
        }
        else if (InteractionDispatcher.ReplyTargetFor(payload) is { } target)
        {
            background.Start("answering a silence action", (services, token) => services.GetRequiredService<SlackFollowUp>().TellAsync(target, reply, token));
        }
    }

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Silence action {Action} carried a value that names no silence")]
    private static partial void LogUnreadable(ILogger logger, string action);
}
