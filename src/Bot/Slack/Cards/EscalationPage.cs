using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The direct message that carries a person's due pages. About one incident: the incident card's key facts, a link to the
/// incident's channel once it exists and an Acknowledge button. About several: one line per incident with its own Acknowledge
/// button, most severe first, so a storm wakes a person with one message rather than hundreds. Rendered again once an
/// incident is acknowledged or resolved, its button gives way to who did it and when ("you" for the person paged).
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
        return latestPerIncident switch
        {
            [Page { Incident.Status: IncidentStatus.Triggered } only] => RenderOne(only.Incident, only.Step, channels.GetValueOrDefault(only.IncidentId)),
            [Page only] => RenderSettled(only, channels.GetValueOrDefault(only.IncidentId)),
            _ => RenderList(latestPerIncident, channels),
        };
    }

    /// <summary>
    /// What a click on a page whose incident is no longer triggered answers <paramref name="user"/>: who was first, and when.
    /// </summary>
    public static string AlreadySettled(Incident incident, string user) => $"*{incident.Key}* was already {Settled(incident, user)}.";

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

    private static SlackMessageContent RenderSettled(Page page, string? channel)
    {
        Incident incident = page.Incident;
        string emoji = SettledEmoji(incident);
        string summary = $"({incident.Severity.ToDisplay()}) {Settled(incident, page.Recipient)}: {Mrkdwn.Escape(incident.Title)}";
        string where = channel is null ? "" : $" · {Mrkdwn.Channel(channel)}";
        return new SlackMessageContent(
            $"{emoji} {incident.Key} {summary}", [new SectionBlock(new MrkdwnText($"{emoji} *{incident.Key}* {summary}{where}", Verbatim: true))]);
    }

    private static SlackMessageContent RenderList(List<Page> pages, IReadOnlyDictionary<long, string> channels)
    {
        List<Block> blocks = [new SectionBlock(new MrkdwnText($"🚨 You are paged for *{pages.Count} incidents* nobody has acknowledged, most severe first:"))];
        foreach (Page page in pages.Take(MaxListed))
        {
            Incident incident = page.Incident;
            string channel = channels.TryGetValue(page.IncidentId, out string? id) ? $" · {Mrkdwn.Channel(id)}" : "";
            string headline = $"*{incident.Key}* ({incident.Severity.ToDisplay()}): {Mrkdwn.Escape(incident.Title)}{channel}";
            blocks.Add(incident.Status == IncidentStatus.Triggered
                ? new SectionBlock(
                    new MrkdwnText($"{IncidentEmoji.For(incident.Severity)} {headline}\nstarted {Mrkdwn.Date(incident.DetectedAt)}", Verbatim: true),
                    accessory: Acknowledge(incident, IncidentCardActions.Acknowledge))
                : new SectionBlock(new MrkdwnText($"{SettledEmoji(incident)} {headline}\n{Settled(incident, page.Recipient)}", Verbatim: true)));
        }
        if (pages.Count > MaxListed)
        {
            blocks.Add(new ContextBlock([new MrkdwnText($"…and {pages.Count - MaxListed} more: `/incident list` shows every open incident.")]));
        }
        string keys = string.Join(", ", pages.Select(p => $"{p.Incident.Key} ({p.Incident.Severity.ToDisplay()})"));
        return new SlackMessageContent($"🚨 You are paged for {pages.Count} incidents: {keys}", blocks);
    }

    /// <summary>"acknowledged by you at …" for <paramref name="reader"/>'s own ack, else "acknowledged by @x at …" (or resolved).</summary>
    private static string Settled(Incident incident, string reader)
    {
        (string what, Actor? by, DateTimeOffset at) = incident.AcknowledgedBy is { } acknowledger
            ? ("acknowledged", acknowledger, incident.AcknowledgedAt ?? incident.TriggeredAt)
            : ("resolved", incident.ResolvedBy, incident.ResolvedAt ?? incident.TriggeredAt);
        string who = by switch
        {
            null => "someone",
            { Kind: ActorKind.SlackUser } when by.Id == reader => "you",
            _ => ActorMention.For(by),
        };
        return $"{what} by {who} at {Mrkdwn.Date(at)}";
    }

    private static string SettledEmoji(Incident incident) => incident.Status == IncidentStatus.Resolved ? "✅" : "👀";

    private static ButtonElement Acknowledge(Incident incident, string actionId) =>
        new(actionId, "Acknowledge", incident.Key.ToString()) { Style = ButtonStyle.Primary };
}
