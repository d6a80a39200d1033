using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>The line the incidents channel gets for a new incident, pointing at the incident's own channel.</summary>
internal static class IncidentAnnouncement
{
    /// <summary>"🚨 *SEV1* INC-42 · Checkout is down — &lt;#C0INC0042&gt;".</summary>
    public static string Render(Incident incident, string channelId) =>
        $"{IncidentEmoji.For(incident.Status)} *{incident.Severity.ToDisplay()}* {incident.Key} · {Mrkdwn.Escape(incident.Title)} — {Mrkdwn.Channel(channelId)}";
}
