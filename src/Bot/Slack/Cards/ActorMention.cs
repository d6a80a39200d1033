using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// Who did something, as Slack shows them: a mention for a Slack user, the token's name for an API client, the name of a person
/// who acted on the dashboard, a plain name for the bot's other actors.
/// </summary>
internal static class ActorMention
{
    public static string For(Actor actor) => actor.Kind switch
    {
        ActorKind.SlackUser => Mrkdwn.User(actor.Id),
        ActorKind.Alertmanager => "Alertmanager",
        ActorKind.Api => actor.OnBehalfOf is { } claimed
            ? $"{Mrkdwn.Escape(actor.Id)} (on behalf of {Mrkdwn.Escape(claimed)}, unverified)"
            : Mrkdwn.Escape(actor.Id),
        ActorKind.WebUser => $"{Mrkdwn.Escape(actor.DisplayName)} (on the dashboard)",
        ActorKind.Runbook => $"runbook {Mrkdwn.Escape(actor.Name ?? actor.Id)}",
        _ => "the bot",
    };
}
