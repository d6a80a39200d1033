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
internal static class SlackRecord
{
    /// <summary>
    /// Every stored incident has its channel (the one the database names, holding its card), exactly one card there, exactly
    /// one announcement in <paramref name="incidentsChannel"/>, and exactly one line per timeline entry that gets one (the
    /// postmortem draft as a file), in timeline order; the outbox is empty.
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
            string[] expected = [.. timeline[incident.Id].Where(e => !ShownByTheCard(incident, e)).Select(e => Expected(incident, e)).OfType<string>()];
            string[] told = [.. messages.Skip(1).Select(m => Told(slack, m))];
            Assert.Equal([incident.Key.ToString(), .. expected], [incident.Key.ToString(), .. told]);
        }
    }

    /// <summary>The line an entry gets, or for a postmortem draft the file shared in its place.</summary>
    private static string? Expected(Incident incident, TimelineEntry entry) =>
        entry.Kind == TimelineEntryKind.PostmortemDrafted ? $"file {incident.Key}-postmortem.md" : TimelineMessage.Render(entry);

    private static string Told(SlackStandIn slack, StandInMessage message) =>
        message.Files is [{ } id] ? $"file {slack.Workspace.File(id)?.Filename}" : message.Text ?? "";

    /// <summary>The opening and the alerts that opened the incident are on the card, not lines of their own.</summary>
    private static bool ShownByTheCard(Incident incident, TimelineEntry entry) =>
        entry.Kind == TimelineEntryKind.Opened || (entry.Kind == TimelineEntryKind.AlertFiring && entry.At == incident.OpenedAt);
}
