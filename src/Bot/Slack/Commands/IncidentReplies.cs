using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>How the <c>/incident</c> verbs answer a change: what happened, or why it was refused, in words people act on.</summary>
internal static class IncidentReplies
{
    public static SlackReply Outcome(IncidentCommandResult result, Func<Incident, string> success) => result.Succeeded
        ? new SlackReply(success(result.Incident))
        : new SlackReply(result.Error.Kind == IncidentErrorKind.NotFound ? NotFound(result.Error) : Mrkdwn.Escape(result.Error.Message));

    public static string NotFound(IncidentError error) => $"{Mrkdwn.Escape(error.Message)} `/incident list` shows the open ones.";

    public static string Title(Incident incident) => Mrkdwn.Escape(incident.Title);

    public static string Resolved(Incident incident) => $"✅ Resolved *{incident.Key}*: {Title(incident)}";
}
