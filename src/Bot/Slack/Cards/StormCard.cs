using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Storms;

namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The card of an alert storm's incident, edited in place as incidents are attached: how many, by severity and by
/// Storms:CorrelationLabel, and links to those that have a channel of their own (SEV1 and SEV2 by default).
/// </summary>
internal static class StormCard
{
    /// <summary>Most incidents linked by name; the rest are counted.</summary>
    public const int MaxLinked = 20;

    public static SlackMessageContent Render(Incident incident, Storm? storm, IReadOnlyList<StormMember> members, string correlationLabel, DateTimeOffset now)
    {
        var tally = StormTally.Of(members);
        string state = storm is { Ongoing: false, EndedAt: { } endedAt } ? $"ended {Mrkdwn.Date(endedAt)}" : "ongoing";
        string attached = tally.Count == 1 ? "1 incident attached" : $"{tally.Count} incidents attached";
        List<Block> blocks =
        [
            new HeaderBlock($"{incident.Key} · {incident.Title}"),
            new SectionBlock(Text($"🌪️ *Alert storm*, {state} · {IncidentEmoji.For(incident.Status)} *{incident.Status}*\n*{attached}*: {tally.SeverityText}")),
            new SectionBlock(Text($"*By {Mrkdwn.Escape(correlationLabel)}*: {(tally.Count == 0 ? "—" : Mrkdwn.Escape(tally.CorrelationText))}")),
        ];
        if (Linked(members) is { } linked)
        {
            blocks.Add(linked);
        }
        if (incident.IsOpen)
        {
            blocks.Add(IncidentCard.Actions(incident, []));
        }
        blocks.Add(new ContextBlock([Text($"Opened by the bot for an alert storm · updated {Mrkdwn.Date(now)}")]));
        return new SlackMessageContent($"🌪️ {incident.Key} · {Mrkdwn.Escape(incident.Title)}: {attached} — {incident.Status}", blocks);
    }

    /// <summary>"🔴 *SEV1* INC-3 · Checkout is down — #inc-3-checkout", one line per attached incident with a channel of its own.</summary>
    private static SectionBlock? Linked(IReadOnlyList<StormMember> members)
    {
        List<StormMember> withChannel = [.. members.Where(m => m.ChannelId is not null)];
        if (withChannel.Count == 0)
        {
            return null;
        }
        IEnumerable<string> lines = withChannel.Take(MaxLinked).Select(m =>
            $"{IncidentEmoji.For(m.Severity)} *{m.Severity.ToDisplay()}* {m.Key} · {Mrkdwn.Truncate(Mrkdwn.Escape(m.Title), 80)} — {Mrkdwn.Channel(m.ChannelId!)}");
        if (withChannel.Count > MaxLinked)
        {
            lines = lines.Append($"… and {withChannel.Count - MaxLinked} more");
        }
        return new SectionBlock(Text("*With a channel of their own*\n" + string.Join('\n', lines)));
    }

    /// <summary>Verbatim, so bare URLs, channel names and "@here" in alert text stay plain text.</summary>
    private static MrkdwnText Text(string text) => new(text, Verbatim: true);
}
