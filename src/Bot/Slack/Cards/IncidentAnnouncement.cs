using System.Text;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The line the incidents channel gets for an incident, pointing at the incident's own channel; edited in place as the
/// incident's status, severity and people change.
/// </summary>
internal static class IncidentAnnouncement
{
    /// <summary>"🔴 *SEV1* INC-42 · Checkout is down — &lt;#C0INC0042&gt;", then who acknowledged or resolved it and who has it.</summary>
    public static string Render(Incident incident, string channelId)
    {
        var line = new StringBuilder(
            $"{IncidentEmoji.For(incident.Severity)} *{incident.Severity.ToDisplay()}* {incident.Key} · {Mrkdwn.Escape(incident.Title)} — {Mrkdwn.Channel(channelId)}");
        if (incident.ResolvedBy is { } resolver)
        {
            line.Append(" · ✅ resolved by ").Append(ActorMention.For(resolver));
        }
        else if (incident.AcknowledgedBy is { } acknowledger)
        {
            line.Append(" · 👀 acknowledged by ").Append(ActorMention.For(acknowledger));
        }
        if (incident.Commander is { } commander)
        {
            line.Append(" · commander ").Append(Mrkdwn.User(commander));
        }
        if (incident.Assignee is { } assignee)
        {
            line.Append(" · assigned to ").Append(Mrkdwn.User(assignee));
        }
        return line.ToString();
    }

    /// <summary>The one line a <see cref="Incident.Quiet"/> incident gets: "🟢 *SEV3* INC-7 · Disk almost full — arrived resolved (3 alerts, never seen firing); no channel".</summary>
    public static string RenderQuiet(Incident incident)
    {
        string alerts = incident.Alerts.Count == 1 ? "1 alert" : $"{incident.Alerts.Count} alerts";
        return $"{IncidentEmoji.For(incident.Status)} *{incident.Severity.ToDisplay()}* {incident.Key} · {Mrkdwn.Escape(incident.Title)}"
            + $" — arrived resolved ({alerts}, never seen firing); no channel";
    }
}
