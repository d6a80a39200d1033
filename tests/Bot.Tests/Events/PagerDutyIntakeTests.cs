using System.Net;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Faults;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Events;

public sealed class PagerDutyIntakeTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_trigger_is_answered_as_PagerDuty_does_and_opens_an_incident_of_the_integrations_service()
    {
        await using BotHost bot = EventsBot.Start();

        HttpResponseMessage response = await bot.EnqueueAsync(EventsBot.Trigger());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("""{"status":"success","message":"Event processed","dedup_key":"disk-full-db1"}""", await response.Content.ReadAsStringAsync(Ct));
        IncidentDetailsView incident = await bot.GetIncidentAsync("INC-1");
        Assert.Equal(("Disk full on db1", "SEV1", "checkout", "production", "triggered"),
            (incident.Incident.Title, incident.Incident.Severity, incident.Incident.Service, incident.Incident.Environment, incident.Incident.Status));
        AlertView alert = Assert.Single(incident.Alerts);
        Assert.Equal("https://grafana.example.com/d/db1", alert.GeneratorUrl);
        StoredEvent stored = Assert.Single(await bot.StoredEventsAsync());
        Assert.Equal(("checkout-monitor", "db1.example.com", EventSeverity.Critical, 1L), (stored.Integration, stored.Source, stored.Severity, stored.IncidentId));
        Assert.Equal(new DateTimeOffset(2015, 7, 17, 8, 42, 58, 315, TimeSpan.Zero), stored.OccurredAt);
        Assert.Contains("\"free space\":\"1%\"", stored.Details, StringComparison.Ordinal);
        Assert.Contains("https://grafana.example.com/render/db1.png", stored.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trigger_without_a_dedup_key_gets_a_new_one_in_the_answer_and_a_new_incident_each_time()
    {
        await using BotHost bot = EventsBot.Start();

        string first = await (await bot.EnqueueAsync(EventsBot.Trigger(dedupKey: null))).Content.ReadAsStringAsync(Ct);
        string second = await (await bot.EnqueueAsync(EventsBot.Trigger(dedupKey: null))).Content.ReadAsStringAsync(Ct);

        Assert.Matches("""^\{"status":"success","message":"Event processed","dedup_key":"[0-9a-f]{32}"\}$""", first);
        Assert.NotEqual(first, second);
        Assert.Equal(2, (await bot.ListIncidentsAsync()).Total);
    }

    [Theory]
    [InlineData("critical", "SEV1")]
    [InlineData("error", "SEV2")]
    [InlineData("warning", "SEV3")]
    public async Task Event_severities_go_through_the_severity_matrix(string severity, string expected)
    {
        await using BotHost bot = EventsBot.Start();

        await bot.EnqueueAsync(EventsBot.Trigger(severity: severity));

        Assert.Equal(expected, (await bot.GetIncidentAsync("INC-1")).Incident.Severity);
    }

    [Fact]
    public async Task An_info_event_below_the_incident_severity_is_stored_but_opens_no_incident()
    {
        await using BotHost bot = EventsBot.Start();

        HttpResponseMessage response = await bot.EnqueueAsync(EventsBot.Trigger(severity: "info"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
        StoredEvent stored = Assert.Single(await bot.StoredEventsAsync());
        Assert.Equal((EventSeverity.Info, (long?)null), (stored.Severity, stored.IncidentId));
    }

    [Fact]
    public async Task The_same_dedup_key_again_attaches_to_the_open_incident()
    {
        await using BotHost bot = EventsBot.Start();

        await bot.EnqueueAsync(EventsBot.Trigger());
        await bot.EnqueueAsync(EventsBot.Trigger(summary: "Disk still full on db1"));

        Assert.Equal(1, (await bot.ListIncidentsAsync()).Total);
        Assert.All(await bot.StoredEventsAsync(), stored => Assert.Equal(1L, stored.IncidentId));
    }

    [Fact]
    public async Task The_same_dedup_key_from_another_integration_is_another_incident()
    {
        await using BotHost bot = EventsBot.Start();

        await bot.EnqueueAsync(EventsBot.Trigger());
        await bot.EnqueueAsync(EventsBot.Trigger(routingKey: EventsBot.BatchKey));

        Assert.Equal(2, (await bot.ListIncidentsAsync()).Total);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Fifty_concurrent_triggers_with_one_dedup_key_open_one_incident_and_all_are_stored(DatabaseProvider provider)
    {
        await using BotHost bot = new(await FaultDatabase.SettingsAsync(provider, postgres, Ct, EventsBot.Settings()));

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => bot.EnqueueAsync(EventsBot.Trigger())));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
        Assert.Equal(1, (await bot.ListIncidentsAsync()).Total);
        List<StoredEvent> stored = await bot.StoredEventsAsync();
        Assert.Equal(50, stored.Count);
        Assert.All(stored, e => Assert.Equal(1L, e.IncidentId));
    }

    [Fact]
    public async Task Acknowledge_and_resolve_act_on_the_incident_of_the_dedup_key()
    {
        await using BotHost bot = EventsBot.Start();
        await bot.EnqueueAsync(EventsBot.Trigger());

        HttpResponseMessage acknowledged = await bot.EnqueueAsync(EventsBot.Follow("acknowledge"));
        string statusAfterAck = (await bot.GetIncidentAsync("INC-1")).Incident.Status;
        HttpResponseMessage resolved = await bot.EnqueueAsync(EventsBot.Follow("resolve"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (acknowledged.StatusCode, resolved.StatusCode));
        Assert.Equal(("acknowledged", "resolved"), (statusAfterAck, (await bot.GetIncidentAsync("INC-1")).Incident.Status));
        Assert.Contains((await bot.GetIncidentAsync("INC-1")).Timeline, entry => (entry.Kind, entry.ActorKind, entry.Actor) == ("Acknowledged", "Integration", "checkout-monitor"));
    }

    [Fact]
    public async Task A_trigger_after_the_resolve_is_a_new_episode_and_a_resolve_of_nothing_open_is_stored_only()
    {
        await using BotHost bot = EventsBot.Start();

        HttpResponseMessage orphan = await bot.EnqueueAsync(EventsBot.Follow("resolve", dedupKey: "never-triggered"));

        Assert.Equal(HttpStatusCode.Accepted, orphan.StatusCode);
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
        Assert.Single(await bot.StoredEventsAsync());
    }

    [Fact]
    public async Task A_summary_over_1024_characters_is_cut_to_1024_as_PagerDuty_does()
    {
        await using BotHost bot = EventsBot.Start();

        HttpResponseMessage response = await bot.EnqueueAsync(EventsBot.Trigger(summary: new string('s', 5000)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1024, (await bot.StoredEventsAsync()).Single().Summary!.Length);
    }
}
