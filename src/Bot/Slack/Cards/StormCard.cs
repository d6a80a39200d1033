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
        string attached = $"{Incidents(tally.Count)} attached";
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
        if (AllActions(incident, members) is { } all)
        {
            blocks.Add(all);
        }
        blocks.Add(new ContextBlock([Text($"Opened by the bot for an alert storm · updated {Mrkdwn.Date(now)}")]));
        return new SlackMessageContent($"🌪️ {incident.Key} · {Mrkdwn.Escape(incident.Title)}: {attached} — {incident.Status}", blocks);
    }

    /// <summary>"Acknowledge all" and "Resolve all", each with a confirm that says how many incidents it changes; null when there are none.</summary>
    private static ActionsBlock? AllActions(Incident incident, IReadOnlyList<StormMember> members)
    {
        string key = incident.Key.ToString();
        int triggered = members.Count(m => m.Status == IncidentStatus.Triggered);
        int open = members.Count(m => m.Status != IncidentStatus.Resolved);
        List<BlockElement> buttons = [];
        if (triggered > 0)
        {
            buttons.Add(new ButtonElement(IncidentCardActions.AcknowledgeStorm, $"Acknowledge all {triggered}", key)
            {
                Confirm = new ConfirmDialog($"Acknowledge {Incidents(triggered)}?",
                    Text($"Acknowledges the {Incidents(triggered)} of storm {key} not acknowledged yet, and {key} itself, as you."), "Acknowledge all", "Cancel"),
            });
        }
        if (open > 0)
        {
            buttons.Add(new ButtonElement(IncidentCardActions.ResolveStorm, $"Resolve all {open}", key)
            {
                Style = ButtonStyle.Danger,
                Confirm = new ConfirmDialog($"Resolve {Incidents(open)}?",
                    Text($"Resolves the {Incidents(open)} of storm {key} still open, and {key} itself, as you."), "Resolve all", "Cancel")
                {
                    Style = ButtonStyle.Danger,
                },
            });
        }
        return buttons.Count == 0 ? null : new ActionsBlock(buttons);
    }

    private static string Incidents(int count) => count == 1 ? "1 incident" : $"{count} incidents";

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
