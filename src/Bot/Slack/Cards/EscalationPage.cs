using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The direct message an escalation step sends: the incident card's key facts, a link to the incident's channel and an
/// Acknowledge button (the card's own action, so it works the same from the DM).
/// </summary>
internal static class EscalationPage
{
    private const string Missing = "—";

    public static SlackMessageContent Render(Incident incident, string channel, TimelineEntry step)
    {
        string title = Mrkdwn.Escape(incident.Title);
        string headline = $"{IncidentEmoji.For(incident.Severity)} You are paged for *{incident.Key}* ({incident.Severity.ToDisplay()}): {title}";
        List<Block> blocks =
        [
            new SectionBlock(new MrkdwnText(headline, Verbatim: true), [
                new MrkdwnText($"*Status*\n{incident.Status}"),
                new MrkdwnText($"*Service*\n{(string.IsNullOrWhiteSpace(incident.Service) ? Missing : Mrkdwn.Escape(incident.Service))}"),
                new MrkdwnText($"*Started*\n{Mrkdwn.Date(incident.DetectedAt)}"),
                new MrkdwnText($"*Channel*\n{Mrkdwn.Channel(channel)}"),
            ]),
            new ContextBlock([new MrkdwnText(Mrkdwn.Escape(step.Text), Verbatim: true)]),
        ];
        if (incident.Status == IncidentStatus.Triggered)
        {
            blocks.Add(new ActionsBlock([
                new ButtonElement(IncidentCardActions.Acknowledge, "Acknowledge", incident.Key.ToString()) { Style = ButtonStyle.Primary },
            ]));
        }
        return new SlackMessageContent($"🚨 You are paged for {incident.Key} ({incident.Severity.ToDisplay()}): {title}", blocks);
    }
}
