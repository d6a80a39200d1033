using System.Globalization;
using System.Text;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>How <c>/incident list</c> and <c>/incident show</c> read: mrkdwn, everything people or alerts wrote escaped.</summary>
internal static class IncidentCommandViews
{
    public const int ListedIncidents = 20;
    public const int ShownTimelineEntries = 10;
    private const int ListedTitleLength = 80;
    private const int DescriptionLength = 500;
    private const int TimelineTextLength = 200;

    public static string List(string heading, IReadOnlyList<IncidentSummary> incidents, int total, string whenEmpty)
    {
        if (incidents.Count == 0)
        {
            return whenEmpty;
        }
        var text = new StringBuilder($"*{heading}* ({total})");
        foreach (IncidentSummary incident in incidents.Take(ListedIncidents))
        {
            text.Append('\n').Append(Line(incident));
        }
        if (total > ListedIncidents)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n…and {total - ListedIncidents} more.");
        }
        return Mrkdwn.Truncate(text.ToString(), BlockKitLimits.MessageText);
    }

    public static string Line(IncidentSummary incident)
    {
        var line = new StringBuilder($"{IncidentEmoji.For(incident.Severity)} *{incident.Key}* {incident.Severity.ToDisplay()} · {Status(incident.Status)} · ");
        line.Append(Mrkdwn.Escape(BlockKitText.Ellipsize(incident.Title, ListedTitleLength)));
        if (incident.Service is { Length: > 0 } service)
        {
            line.Append(" · ").Append(Mrkdwn.Escape(service));
        }
        if (incident.Assignee is { Length: > 0 } assignee)
        {
            line.Append(" · assigned to ").Append(Mrkdwn.User(assignee));
        }
        return line.ToString();
    }

    public static string Show(Incident incident)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{IncidentEmoji.For(incident.Status)} *{incident.Key}* · {incident.Severity.ToDisplay()} · {Status(incident.Status)}\n");
        text.Append('*').Append(Mrkdwn.Escape(incident.Title)).Append("*\n");
        List<string> facts = [];
        AddFact(facts, "Service", incident.Service is { Length: > 0 } service ? Mrkdwn.Escape(service) : null);
        AddFact(facts, "Environment", incident.Environment is { Length: > 0 } environment ? Mrkdwn.Escape(environment) : null);
        AddFact(facts, "Commander", incident.Commander is { Length: > 0 } commander ? Mrkdwn.User(commander) : "nobody yet");
        AddFact(facts, "Assignee", incident.Assignee is { Length: > 0 } assignee ? Mrkdwn.User(assignee) : "nobody yet");
        text.Append(string.Join(" · ", facts)).Append('\n');
        text.Append("Opened ").Append(Mrkdwn.Date(incident.OpenedAt));
        if (incident.AcknowledgedAt is { } acknowledgedAt)
        {
            text.Append(" · acknowledged ").Append(Mrkdwn.Date(acknowledgedAt));
        }
        if (incident.ResolvedAt is { } resolvedAt)
        {
            text.Append(" · resolved ").Append(Mrkdwn.Date(resolvedAt));
        }
        if (incident.Description is { Length: > 0 } description)
        {
            text.Append("\n>").Append(Mrkdwn.Escape(BlockKitText.Ellipsize(description, DescriptionLength)).Replace("\n", "\n>", StringComparison.Ordinal));
        }
        if (incident.Timeline.Count > 0)
        {
            text.Append("\n*Latest in the timeline*");
            foreach (TimelineEntry entry in incident.Timeline.TakeLast(ShownTimelineEntries))
            {
                text.Append("\n• ").Append(Mrkdwn.Date(entry.At)).Append(' ')
                    .Append(Mrkdwn.Escape(BlockKitText.Ellipsize(entry.Text, TimelineTextLength)))
                    .Append(" — ").Append(Who(entry.Actor));
            }
        }
        return Mrkdwn.Truncate(text.ToString(), BlockKitLimits.MessageText);
    }

    public static string Status(IncidentStatus status) => status switch
    {
        IncidentStatus.Triggered => "triggered",
        IncidentStatus.Acknowledged => "acknowledged",
        _ => "resolved",
    };

    private static string Who(Actor actor) => actor.Kind == ActorKind.SlackUser ? Mrkdwn.User(actor.Id) : Mrkdwn.Escape(actor.Name ?? actor.Id);

    private static void AddFact(List<string> facts, string name, string? value)
    {
        if (value is not null)
        {
            facts.Add($"{name}: {value}");
        }
    }
}
