using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Slack.Responders;
using ChatOpsIncidents.Bot.Slack.Runbooks;
using ChatOpsIncidents.Bot.Slack.Silences;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Storms;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// The incident card's buttons (Acknowledge, Resolve, Assign to me; in a storm's channel Give it its own channel; on a storm's
/// card Acknowledge all and Resolve all) and menu (severity, silences, runbooks), done as the Slack user who
/// clicked when they are among <c>Slack:Responders</c> (runbooks have their own <c>allowed</c>); Resolve opens
/// <see cref="ResolveIncidentModal"/> for a note, and its submission resolves. A change shows on the card,
/// which the outbox updates; a refusal (acknowledging a resolved incident…) is told to
/// that person alone, after Slack got its answer. A runbook chosen in the menu goes to <see cref="RunbookActionHandler"/>.
/// </summary>
internal sealed partial class IncidentCardActionHandler(
    IncidentService incidents,
    IncidentQueries queries,
    RunbookActionHandler runbooks,
    SilenceActionHandler silences,
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
            case IncidentCardActions.ConfirmResolve:
                await ConfirmResolveAsync(payload, user, action, actor, cancellationToken);
                return;
            case IncidentCardActions.CancelResolve:
                Answer(payload, $"Cancelled: *{Mrkdwn.Escape(action.Value ?? "the incident")}* was not resolved.");
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
                if (action.ActionId == IncidentCardActions.Resolve)
                {
                    await OpenResolveFormAsync(payload, user, key, cancellationToken);
                    return;
                }
                result = action.ActionId switch
                {
                    IncidentCardActions.Acknowledge => await incidents.AcknowledgeAsync(key, actor, cancellationToken),
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
                if (choice.Silence is { } length)
                {
                    await silences.ChooseFromCardAsync(payload, user, choice.Key, length, cancellationToken);
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
    /// Acknowledges from a page. The page lane then edits every page of the incident to say who acknowledged; a click on a page
    /// whose incident is no longer triggered changes nothing and tells the presser who was first, and when.
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
        if (result.Succeeded)
        {
            LogDone(logger, action.ActionId, key, user.Id);
            return;
        }
        LogRefused(logger, action.ActionId, user.Id, result.Error.Message);
        Tell(payload, await queries.FindAsync(key, cancellationToken) is { Status: not IncidentStatus.Triggered } settled
            ? EscalationPage.AlreadySettled(settled, user.Id)
            : Mrkdwn.Escape(result.Error.Message));
    }

    /// <summary>Resolve on the warning of <c>/incident resolve</c>: resolves as typed (a note, or <c>--noise</c>), only for the person who typed it.</summary>
    private async Task ConfirmResolveAsync(InteractionPayload payload, InteractionUser user, BlockAction action, Actor actor, CancellationToken cancellationToken)
    {
        if (!ResolveConfirmation.TryParse(action.Value, out ResolveConfirmation? confirmation))
        {
            LogUnreadable(logger, action.ActionId);
            Tell(payload, "I could not tell which incident that button is for. Try `/incident list`.");
            return;
        }
        if (confirmation.UserId != user.Id)
        {
            LogRefused(logger, action.ActionId, user.Id, "the confirmation is someone else's");
            Tell(payload, $"This confirmation is for {Mrkdwn.User(confirmation.UserId)}: nothing was resolved. Use `/incident resolve {confirmation.Key}` yourself.");
            return;
        }
        if (!await RespondsAsync(payload, user, action, cancellationToken))
        {
            return;
        }
        var arguments = ResolveArguments.Read(confirmation.Note);
        IncidentCommandResult result = await arguments.ResolveAsync(incidents, confirmation.Key, actor, cancellationToken);
        if (result.Succeeded)
        {
            LogDone(logger, action.ActionId, confirmation.Key, user.Id);
            Answer(payload, arguments.Reply(result.Incident));
        }
        else
        {
            LogRefused(logger, action.ActionId, user.Id, result.Error.Message);
            Answer(payload, Mrkdwn.Escape(result.Error.Message));
        }
    }

    /// <summary>
    /// Opens the resolve form, bound to the presser, from the press's trigger id. A resolved incident's form opens too: its
    /// submission says who resolved it, as a second press would.
    /// </summary>
    private async Task OpenResolveFormAsync(InteractionPayload payload, InteractionUser user, IncidentKey key, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(key, cancellationToken) is not { } incident)
        {
            Tell(payload, IncidentReplies.NotFound(IncidentError.NotFound(key)));
            return;
        }
        if (payload.TriggerId is not { } triggerId || InteractionDispatcher.ReplyTargetFor(payload) is not { } target)
        {
            Tell(payload, $"Slack gave me no way to open the form. Resolve with `/incident resolve {key} [note]` instead.");
            return;
        }
        ModalOpener.Start(background, triggerId, ResolveIncidentModal.Build(incident, user.Id), target,
            $"Resolve with `/incident resolve {key} [note]` instead.");
    }

    /// <summary>Replaces the confirmation the press came from with <paramref name="text"/>; without a <c>response_url</c>, tells it.</summary>
    private void Answer(InteractionPayload payload, string text)
    {
        if (payload.ResponseUrl is not { } responseUrl)
        {
            Tell(payload, text);
            return;
        }
        background.Start("replacing the message a button was pressed on", (services, token) =>
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
