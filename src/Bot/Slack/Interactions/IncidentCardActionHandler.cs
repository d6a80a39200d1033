using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Slack.Responders;
using ChatOpsIncidents.Bot.Slack.Runbooks;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Storms;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// The incident card's buttons (Acknowledge, Resolve, Assign to me; in a storm's channel Give it its own channel; on a storm's
/// card Acknowledge all and Resolve all) and menu (severity, runbooks), done as the Slack user who
/// clicked when they are among <c>Slack:Responders</c> (runbooks have their own <c>allowed</c>). A change shows on the card,
/// which the outbox updates; a refusal (acknowledging a resolved incident…) is told to
/// that person alone, after Slack got its answer. A runbook chosen in the menu goes to <see cref="RunbookActionHandler"/>.
/// </summary>
internal sealed partial class IncidentCardActionHandler(
    IncidentService incidents,
    RunbookActionHandler runbooks,
    IncidentResponders responders,
    SlackBackgroundWork background,
    ILogger<IncidentCardActionHandler> logger)
{
    public async Task HandleAsync(InteractionPayload payload, InteractionUser user, BlockAction action, CancellationToken cancellationToken)
    {
        Actor actor = Actor.SlackUser(user.Id, user.Username ?? user.Name);
        IncidentCommandResult? result;
        switch (action.ActionId)
        {
            case IncidentCardActions.AcknowledgeFromPage:
                if (!await RespondsAsync(payload, user, action, cancellationToken))
                {
                    return;
                }
                await AcknowledgeFromPageAsync(payload, user, action, actor, cancellationToken);
                return;
            case IncidentCardActions.Acknowledge or IncidentCardActions.Resolve or IncidentCardActions.AssignToMe or IncidentCardActions.OwnChannel:
                if (!IncidentKey.TryParse(action.Value, out IncidentKey key))
                {
                    LogUnreadable(logger, action.ActionId);
                    Tell(payload, "I could not tell which incident that button is for. Try `/incident list`.");
                    return;
                }
                if (!await RespondsAsync(payload, user, action, cancellationToken))
                {
                    return;
                }
                result = action.ActionId switch
                {
                    IncidentCardActions.Acknowledge => await incidents.AcknowledgeAsync(key, actor, cancellationToken),
                    IncidentCardActions.Resolve => await incidents.ResolveAsync(key, actor, null, cancellationToken),
                    IncidentCardActions.OwnChannel => await incidents.GiveOwnChannelAsync(key, actor, cancellationToken),
                    _ => await incidents.AssignAsync(key, user.Id, actor, cancellationToken),
                };
                break;
            case IncidentCardActions.AcknowledgeStorm or IncidentCardActions.ResolveStorm:
                if (!IncidentKey.TryParse(action.Value, out IncidentKey storm))
                {
                    LogUnreadable(logger, action.ActionId);
                    Tell(payload, "I could not tell which storm that button is for. Try `/incident list`.");
                    return;
                }
                if (await RespondsAsync(payload, user, action, cancellationToken))
                {
                    ApplyToStorm(payload, user, action.ActionId, storm, actor);
                }
                return;
            case IncidentCardActions.Menu:
                if (!IncidentMenuChoice.TryParse(action.SelectedOption?.Value, out IncidentMenuChoice? choice))
                {
                    LogUnreadable(logger, action.ActionId);
                    Tell(payload, "I could not tell what that menu choice is for. Try `/incident help`.");
                    return;
                }
                if (choice.Severity is not { } severity)
                {
                    await runbooks.ChooseFromCardAsync(payload, user, choice, cancellationToken);
                    return;
                }
                if (!await RespondsAsync(payload, user, action, cancellationToken))
                {
                    return;
                }
                result = await incidents.ChangeSeverityAsync(choice.Key, severity, actor, cancellationToken);
                break;
            default:
                LogIgnored(logger, action.ActionId);
                return;
        }
        if (result.Succeeded)
        {
            LogDone(logger, action.ActionId, result.Incident.Key, user.Id);
        }
        else
        {
            LogRefused(logger, action.ActionId, user.Id, result.Error.Message);
            Tell(payload, Mrkdwn.Escape(result.Error.Message));
        }
    }

    /// <summary>
    /// Acknowledges from a page and replaces the page with the outcome, so its button goes: who acknowledged and when, or why
    /// not (someone else was first, naming them). Without a <c>response_url</c> the outcome is told as for the card.
    /// </summary>
    private async Task AcknowledgeFromPageAsync(InteractionPayload payload, InteractionUser user, BlockAction action, Actor actor, CancellationToken cancellationToken)
    {
        if (!IncidentKey.TryParse(action.Value, out IncidentKey key))
        {
            LogUnreadable(logger, action.ActionId);
            Tell(payload, "I could not tell which incident that button is for. Try `/incident list`.");
            return;
        }
        IncidentCommandResult result = await incidents.AcknowledgeAsync(key, actor, cancellationToken);
        string text;
        if (result.Succeeded)
        {
            LogDone(logger, action.ActionId, key, user.Id);
            text = EscalationPage.Acknowledged(result.Incident);
        }
        else
        {
            LogRefused(logger, action.ActionId, user.Id, result.Error.Message);
            text = Mrkdwn.Escape(result.Error.Message);
        }
        if (payload.ResponseUrl is not { } responseUrl)
        {
            Tell(payload, text);
            return;
        }
        background.Start("replacing a page", (services, token) =>
            services.GetRequiredService<SlackResponseUrlClient>().PostAsync(responseUrl, new SlackReply(text) { ReplaceOriginal = true }, token));
    }

    /// <summary>
    /// Acknowledges or resolves a storm and its incidents after the answer (hundreds of incidents take longer than Slack
    /// waits), each as its own command, then tells the person how many it changed.
    /// </summary>
    private void ApplyToStorm(InteractionPayload payload, InteractionUser user, string actionId, IncidentKey storm, Actor actor)
    {
        bool resolve = actionId == IncidentCardActions.ResolveStorm;
        background.Start(resolve ? "resolving a storm's incidents" : "acknowledging a storm's incidents", async (services, token) =>
        {
            StormCommands storms = services.GetRequiredService<StormCommands>();
            int? changed = resolve ? await storms.ResolveAllAsync(storm, actor, token) : await storms.AcknowledgeAllAsync(storm, actor, token);
            if (changed is null)
            {
                string refusal = $"{storm} is not an alert storm.";
                LogRefused(logger, actionId, user.Id, refusal);
                Tell(payload, refusal);
                return;
            }
            LogDone(logger, actionId, storm, user.Id);
            string verb = resolve ? "Resolved" : "Acknowledged";
            Tell(payload, $"{verb} {storm} and {(changed == 1 ? "1 incident" : $"{changed} incidents")} attached to it.");
        });
    }

    /// <summary>Whether <paramref name="user"/> may change incidents; if not, tells them why.</summary>
    private async Task<bool> RespondsAsync(InteractionPayload payload, InteractionUser user, BlockAction action, CancellationToken cancellationToken)
    {
        if (await responders.RefusalForAsync(user.Id, cancellationToken) is not { } refusal)
        {
            return true;
        }
        LogRefused(logger, action.ActionId, user.Id, refusal);
        Tell(payload, refusal);
        return false;
    }

    private void Tell(InteractionPayload payload, string text)
    {
        if (InteractionDispatcher.ReplyTargetFor(payload) is { } target)
        {
            background.TellUser(target, text);
        }
    }

    [LoggerMessage(EventId = 2262, Level = LogLevel.Information, Message = "Slack action {Action} on {Incident} by {User}")]
    private static partial void LogDone(ILogger logger, string action, IncidentKey incident, string user);

    [LoggerMessage(EventId = 2263, Level = LogLevel.Information, Message = "Slack action {Action} by {User} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string action, string user, string reason);

    [LoggerMessage(EventId = 2264, Level = LogLevel.Warning, Message = "Slack action {Action} carried a value that names no incident")]
    private static partial void LogUnreadable(ILogger logger, string action);

    [LoggerMessage(EventId = 2265, Level = LogLevel.Information, Message = "Ignored Slack action {Action}")]
    private static partial void LogIgnored(ILogger logger, string action);
}
