using System.Globalization;
using System.Text;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// The <c>/incident</c> verbs that show incidents, <c>list</c> and <c>show</c>, and how they read: mrkdwn, everything people or
/// alerts wrote escaped. The open lists put the most severe first, then the oldest: what to look at first at 3 a.m.
/// </summary>
internal sealed class ViewCommands(IncidentQueries queries, TimeProvider time)
{
    private const int ListedIncidents = 20;
    private const int ShownTimelineEntries = 10;
    private const int ListedTitleLength = 80;
    private const int DescriptionLength = 500;
    private const int TimelineTextLength = 200;

    public static readonly CommandVerb List = CommandVerb.For<ViewCommands>(
        "list", "list [open|mine|all]",
        "lists the open incidents (the default), most severe first, the open ones you command or are assigned to, or the latest 20 of all", IncidentArgument.None,
        (commands, request, cancellationToken) => commands.ListAsync(request, cancellationToken)).OnlyReading();

    public static readonly CommandVerb Show = CommandVerb.For<ViewCommands>(
        "show", "show KEY", "shows status, people and the latest timeline entries", IncidentArgument.Key,
        (commands, request, cancellationToken) => commands.ShowAsync(request, cancellationToken)).OnlyReading();

    private async Task<SlackReply?> ListAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        switch (request.Arguments.Next()?.ToLowerInvariant())
        {
            case null or "open":
                IncidentPage open = await queries.ListOpenAsync(null, ListedIncidents, cancellationToken);
                return RenderList("Open incidents", open, "No open incidents. 🎉");
            case "mine":
                IncidentPage mine = await queries.ListOpenAsync(request.Caller.UserId, ListedIncidents, cancellationToken);
                return RenderList("Open incidents you command or are assigned to", mine,
                    "None of the open incidents is assigned to you or commanded by you.");
            case "all":
                IncidentPage latest = await queries.ListAsync(new IncidentFilter(PageSize: ListedIncidents), cancellationToken);
                return RenderList("Latest incidents", latest, "There are no incidents yet.");
            case { } other:
                return new SlackReply($"“{SlackCommandText.Quote(other)}” is not a list. Usage: {request.Usage}");
        }
    }

    private async Task<SlackReply?> ShowAsync(CommandRequest request, CancellationToken cancellationToken) =>
        await queries.FindAsync(request.Incident, cancellationToken) is { } incident
            ? new SlackReply(Render(incident))
            : new SlackReply(IncidentReplies.NotFound(IncidentError.NotFound(request.Incident)));

    private SlackReply RenderList(string heading, IncidentPage incidents, string whenEmpty)
    {
        if (incidents.Items.Count == 0)
        {
            return new SlackReply(whenEmpty);
        }
        DateTimeOffset now = time.GetUtcNow();
        var text = new StringBuilder($"*{heading}* ({incidents.Total})");
        foreach (IncidentSummary incident in incidents.Items.Take(ListedIncidents))
        {
            text.Append('\n').Append(Line(incident, incidents.Channels.GetValueOrDefault(incident.Key), now));
        }
        if (incidents.Total > ListedIncidents)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n…and {incidents.Total - ListedIncidents} more.");
        }
        return new SlackReply(Mrkdwn.Truncate(text.ToString(), BlockKitLimits.MessageText));
    }

    /// <summary>"🔴 *INC-2* SEV1 · triggered · Checkout down · checkout · #inc-2-checkout · 12m old · assigned to @dana".</summary>
    private static string Line(IncidentSummary incident, string? channelId, DateTimeOffset now)
    {
        var line = new StringBuilder($"{IncidentEmoji.For(incident.Severity)} *{incident.Key}* {incident.Severity.ToDisplay()} · {Status(incident.Status)} · ");
        line.Append(Mrkdwn.Escape(BlockKitText.Ellipsize(incident.Title, ListedTitleLength)));
        if (incident.Service is { Length: > 0 } service)
        {
            line.Append(" · ").Append(Mrkdwn.Escape(service));
        }
        if (channelId is not null)
        {
            line.Append(" · ").Append(Mrkdwn.Channel(channelId));
        }
        line.Append(" · ").Append(DurationText.Format(now - incident.OpenedAt)).Append(" old");
        string? owner = incident switch
        {
            { Assignee: { Length: > 0 } assignee } => $"assigned to {Mrkdwn.User(assignee)}",
            { Commander: { Length: > 0 } commander } => $"commander {Mrkdwn.User(commander)}",
            { Status: IncidentStatus.Resolved } => null,
            _ => "nobody on it yet",
        };
        if (owner is not null)
        {
            line.Append(" · ").Append(owner);
        }
        return line.ToString();
    }

    private static string Render(Incident incident)
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
            PeopleInText people = PeopleInText.Of(incident);
            foreach (TimelineEntry entry in incident.Timeline.TakeLast(ShownTimelineEntries))
            {
                text.Append("\n• ").Append(Mrkdwn.Date(entry.At)).Append(' ')
                    .Append(people.Show(TimelineMessage.Text(entry, BlockKitText.Ellipsize(entry.Text, TimelineTextLength)), Mrkdwn.User))
                    .Append(" — ").Append(ActorMention.For(entry.Actor));
            }
        }
        return Mrkdwn.Truncate(text.ToString(), BlockKitLimits.MessageText);
    }

    private static string Status(IncidentStatus status) => status switch
    {
        IncidentStatus.Triggered => "triggered",
        IncidentStatus.Acknowledged => "acknowledged",
        _ => "resolved",
    };

    private static void AddFact(List<string> facts, string name, string? value)
    {
        if (value is not null)
        {
            facts.Add($"{name}: {value}");
        }
    }
}
