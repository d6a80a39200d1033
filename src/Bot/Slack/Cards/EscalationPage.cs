using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The direct message that carries a person's due pages. About one incident: the incident card's key facts, a link to the
/// incident's channel once it exists and an Acknowledge button that, once clicked, replaces the page with who acknowledged.
/// About several: one line per incident with its own Acknowledge button, most severe first, so a storm wakes a person with
/// one message rather than hundreds.
/// </summary>
internal static class EscalationPage
{
    /// <summary>Incidents listed one by one; Block Kit allows 50 blocks, and a longer list is not read at 3 a.m. anyway.</summary>
    public const int MaxListed = 40;

    private const string Missing = "—";

    /// <param name="channels">The chat channel of each incident that has one by now, by incident id.</param>
    public static SlackMessageContent Render(IReadOnlyList<Page> pages, IReadOnlyDictionary<long, string> channels)
    {
        List<Page> latestPerIncident = [.. pages
            .GroupBy(p => p.IncidentId)
            .Select(sameIncident => sameIncident.MaxBy(p => p.Id)!)
            .OrderBy(p => p.Incident.Severity)
            .ThenBy(p => p.DueAt)
            .ThenBy(p => p.IncidentId)];
        return latestPerIncident is [Page only]
            ? RenderOne(only.Incident, only.Step, channels.GetValueOrDefault(only.IncidentId))
            : RenderList(latestPerIncident, channels);
    }

    private static SlackMessageContent RenderOne(Incident incident, string step, string? channel)
    {
        string title = Mrkdwn.Escape(incident.Title);
        string headline = $"{IncidentEmoji.For(incident.Severity)} You are paged for *{incident.Key}* ({incident.Severity.ToDisplay()}): {title}";
        List<TextObject> facts =
        [
            new MrkdwnText($"*Status*\n{incident.Status}"),
            new MrkdwnText($"*Service*\n{(string.IsNullOrWhiteSpace(incident.Service) ? Missing : Mrkdwn.Escape(incident.Service))}"),
            new MrkdwnText($"*Started*\n{Mrkdwn.Date(incident.DetectedAt)}"),
        ];
        if (channel is not null)
        {
            facts.Add(new MrkdwnText($"*Channel*\n{Mrkdwn.Channel(channel)}"));
        }
        Block[] blocks =
        [
            new SectionBlock(new MrkdwnText(headline, Verbatim: true), facts),
            new ContextBlock([new MrkdwnText(Mrkdwn.Escape(step), Verbatim: true)]),
            new ActionsBlock([Acknowledge(incident, IncidentCardActions.AcknowledgeFromPage)]),
        ];
        return new SlackMessageContent($"🚨 You are paged for {incident.Key} ({incident.Severity.ToDisplay()}): {title}", blocks);
    }

    private static SlackMessageContent RenderList(List<Page> pages, IReadOnlyDictionary<long, string> channels)
    {
        List<Block> blocks = [new SectionBlock(new MrkdwnText($"🚨 You are paged for *{pages.Count} incidents* nobody has acknowledged, most severe first:"))];
        foreach (Page page in pages.Take(MaxListed))
        {
            Incident incident = page.Incident;
            string channel = channels.TryGetValue(page.IncidentId, out string? id) ? $" · {Mrkdwn.Channel(id)}" : "";
            string line = $"{IncidentEmoji.For(incident.Severity)} *{incident.Key}* ({incident.Severity.ToDisplay()}): {Mrkdwn.Escape(incident.Title)}{channel}" +
                $"\nstarted {Mrkdwn.Date(incident.DetectedAt)}";
            blocks.Add(new SectionBlock(new MrkdwnText(line, Verbatim: true), accessory: Acknowledge(incident, IncidentCardActions.Acknowledge)));
        }
        if (pages.Count > MaxListed)
        {
            blocks.Add(new ContextBlock([new MrkdwnText($"…and {pages.Count - MaxListed} more: `/incident list` shows every open incident.")]));
        }
        string keys = string.Join(", ", pages.Select(p => $"{p.Incident.Key} ({p.Incident.Severity.ToDisplay()})"));
        return new SlackMessageContent($"🚨 You are paged for {pages.Count} incidents: {keys}", blocks);
    }

    /// <summary>What a page about one incident becomes once its person acknowledged the incident from it.</summary>
    public static string Acknowledged(Incident incident) =>
        $"👀 You acknowledged *{incident.Key}* at {Mrkdwn.Date(incident.AcknowledgedAt ?? incident.TriggeredAt)}: {Mrkdwn.Escape(incident.Title)}";

    private static ButtonElement Acknowledge(Incident incident, string actionId) =>
        new(actionId, "Acknowledge", incident.Key.ToString()) { Style = ButtonStyle.Primary };
}
