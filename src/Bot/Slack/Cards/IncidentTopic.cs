using System.Security.Cryptography;
using System.Text;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// An incident channel's topic, "SEV1 · Triggered · checkout · commander &lt;@U024BE7LH&gt;": Slack renders mentions and links in
/// topics, so what alerts and people wrote is escaped as anywhere else (the request cuts it to Slack's 250 characters).
/// </summary>
internal static class IncidentTopic
{
    public static string Render(Incident incident)
    {
        string service = incident.Service is null ? "no service" : Mrkdwn.Escape(incident.Service);
        string commander = incident.Commander is null ? "no commander" : $"commander {Mrkdwn.User(incident.Commander)}";
        return $"{incident.Severity.ToDisplay()} · {incident.Status} · {service} · {commander}";
    }

    /// <summary>A digest of what the topic shows, to set it only when that changed.</summary>
    public static string Digest(Incident incident) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Render(incident))));
}
