using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Delivery;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Faults;

/// <summary>Compares what the Slack stand-in holds with what the incident database says Slack must have been told.</summary>
internal static partial class SlackRecord
{
    private const string AlertFired = "alert fired";
    private const string AlertResolved = "alert resolved";

    /// <summary>
    /// Every stored incident has its channel (the one the database names, holding its card), exactly one card there, exactly
    /// one announcement in <paramref name="incidentsChannel"/>, and exactly one line per timeline entry that gets one (the
    /// postmortem draft as a file; alert changes told several to a line, each counted once), in timeline order; the outbox is empty.
    /// </summary>
    public static async Task AssertEachIncidentToldOnceInOrderAsync(
        IServiceProvider services, SlackStandIn slack, string incidentsChannel, int expectedIncidents, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        List<Incident> incidents = await db.Incidents.AsNoTracking().OrderBy(i => i.Id).ToListAsync(cancellationToken);
        Dictionary<long, IncidentDelivery> deliveries = await db.Deliveries.AsNoTracking().ToDictionaryAsync(d => d.IncidentId, cancellationToken);
        ILookup<long, TimelineEntry> timeline = (await db.TimelineEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken))
            .ToLookup(e => e.IncidentId);
        IReadOnlyList<StandInMessage> announcements = slack.Workspace.Messages(incidentsChannel);

        Assert.Equal(expectedIncidents, incidents.Count);
        Assert.Equal(0, (await StoredRows.ReadAsync(services, cancellationToken)).Undelivered);
        Assert.Equal(incidents.Count, announcements.Count);
        foreach (Incident incident in incidents)
        {
            string channel = ManualDelivery.ChannelOf(slack, incident.Key.ToString());
            Assert.Equal(channel, deliveries[incident.Id].ChannelId);
            IReadOnlyList<StandInMessage> messages = slack.Workspace.Messages(channel);
            Assert.NotNull(messages[0].Blocks);
            Assert.Equal(deliveries[incident.Id].CardMessageId, messages[0].Ts);
            Assert.Single(messages, m => m.Blocks is not null);
            Assert.Single(announcements, m => m.Text?.Contains($"<#{channel}>", StringComparison.Ordinal) == true);
            IEnumerable<string> expected = timeline[incident.Id].Where(e => !ShownByTheCard(incident, e)).Select(e => Expected(incident, e)).OfType<string>();
            IEnumerable<string> told = messages.Skip(1).SelectMany(m => Told(slack, m));
            Assert.Equal([incident.Key.ToString(), .. InAlertRunOrder(expected)], [incident.Key.ToString(), .. InAlertRunOrder(told)]);
        }
    }

    /// <summary>The line an entry gets, or for a postmortem draft the file shared in its place; an alert change, what it is.</summary>
    private static string? Expected(Incident incident, TimelineEntry entry) => entry switch
    {
        { Kind: TimelineEntryKind.PostmortemDrafted } => $"file {incident.Key}-postmortem.md",
        { Kind: TimelineEntryKind.AlertFiring } => AlertFired,
        { Kind: TimelineEntryKind.AlertResolved } => AlertResolved,
        _ => TimelineMessage.Render(entry),
    };

    /// <summary>What a message told: a line, a file, or as many alert changes as a line about alerts counts.</summary>
    private static IEnumerable<string> Told(SlackStandIn slack, StandInMessage message)
    {
        string text = message.Text ?? "";
        if (message.Files is [{ } id])
        {
            return [$"file {slack.Workspace.File(id)?.Filename}"];
        }
        if (AlertLine().Match(text) is { Success: true } alerts)
        {
            int count = alerts.Groups["count"].Success ? int.Parse(alerts.Groups["count"].Value, CultureInfo.InvariantCulture) : 1;
            return Enumerable.Repeat(alerts.Groups["emoji"].Value == "🔥" ? AlertFired : AlertResolved, count);
        }
        return [text];
    }

    /// <summary>Alert changes told together are told firing first: within each run of them, order does not count.</summary>
    private static List<string> InAlertRunOrder(IEnumerable<string> told)
    {
        List<string> ordered = [];
        List<string> run = [];
        foreach (string item in told.Append(""))
        {
            if (item is AlertFired or AlertResolved)
            {
                run.Add(item);
                continue;
            }
            ordered.AddRange(run.Order(StringComparer.Ordinal));
            run.Clear();
            ordered.Add(item);
        }
        return ordered[..^1];
    }

    [GeneratedRegex(@"^(?<emoji>🔥|🟢) (?:(?<count>\d+) alerts (?:firing|resolved)|Alert (?:firing|resolved)): ")]
    private static partial Regex AlertLine();

    /// <summary>The opening and the alerts that opened the incident are on the card, not lines of their own.</summary>
    private static bool ShownByTheCard(Incident incident, TimelineEntry entry) =>
        entry.Kind == TimelineEntryKind.Opened || (entry.Kind == TimelineEntryKind.AlertFiring && entry.At == incident.OpenedAt);
}
