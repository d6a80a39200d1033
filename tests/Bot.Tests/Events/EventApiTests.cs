using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Events;
using ChatOpsIncidents.Bot.Tests.Hosting;

namespace ChatOpsIncidents.Bot.Tests.Events;

public sealed class EventApiTests
{
    private const string ApiToken = "ci-s3cret-token";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BotHost Start()
    {
        Dictionary<string, string?> settings = EventsBot.Settings();
        settings["Api:Tokens:ci"] = ApiToken;
        return new BotHost(settings);
    }

    private static async Task<EventListView> ListAsync(BotHost bot, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        HttpResponseMessage response = await bot.CreateClient().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EventListView>(Ct))!;
    }

    [Fact]
    public async Task Stored_low_severity_events_are_found_by_each_filter_newest_first()
    {
        await using BotHost bot = Start();
        await bot.EnqueueAsync(EventsBot.Trigger(dedupKey: "backup-slow", severity: "info", summary: "Nightly backup took 3 hours"));
        await bot.EnqueueAsync(EventsBot.Trigger(dedupKey: "disk-full-db1", severity: "critical", summary: "Disk full on db1"));
        await bot.EnqueueAsync(EventsBot.Trigger(dedupKey: "cron-late", severity: "info", summary: "Cron ran late", routingKey: EventsBot.BatchKey));

        Assert.Equal(["Cron ran late", "Nightly backup took 3 hours"], (await ListAsync(bot, "?severity=info")).Items.Select(e => e.Summary));
        Assert.Equal(["disk-full-db1", "backup-slow"], (await ListAsync(bot, "?service=checkout")).Items.Select(e => e.DedupKey));
        Assert.Equal("backup-slow", Assert.Single((await ListAsync(bot, "?text=BACKUP")).Items).DedupKey);
        Assert.Equal("INC-1", Assert.Single((await ListAsync(bot, "?dedupKey=disk-full-db1")).Items).Incident);
        Assert.Equal(3, (await ListAsync(bot, "?source=db1.example.com&from=2020-01-01T00:00:00Z")).Total);
        Assert.Empty((await ListAsync(bot, "?until=2020-01-01T00:00:00Z")).Items);
        EventListView second = await ListAsync(bot, "?pageSize=1&page=2");
        Assert.Equal((3, "disk-full-db1"), (second.Total, Assert.Single(second.Items).DedupKey));
        Assert.Equal("1%", Assert.Single((await ListAsync(bot, "?text=backup")).Items).Details!.Value.GetProperty("custom_details").GetProperty("free space").GetString());
    }

    [Fact]
    public async Task The_events_api_refuses_a_caller_without_the_api_token_and_a_bad_query()
    {
        await using BotHost bot = Start();

        HttpResponseMessage anonymous = await bot.CreateClient().GetAsync("/api/events", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events?severity=disaster&pageSize=500");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        HttpResponseMessage badQuery = await bot.CreateClient().SendAsync(request, Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest), (anonymous.StatusCode, badQuery.StatusCode));
        string problem = await badQuery.Content.ReadAsStringAsync(Ct);
        Assert.Contains("severity", problem, StringComparison.Ordinal);
        Assert.Contains("must be info, warning, error or critical, was", problem, StringComparison.Ordinal);
        Assert.Contains("pageSize", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_incident_view_counts_the_events_that_fed_it()
    {
        await using BotHost bot = Start();
        await bot.EnqueueAsync(EventsBot.Trigger());
        await bot.EnqueueAsync(EventsBot.Trigger());
        await bot.EnqueueAsync(EventsBot.Follow("acknowledge"));
        await bot.EnqueueAsync(EventsBot.Trigger(dedupKey: "another"));

        Assert.Equal((3, 1), ((await bot.GetIncidentAsync("INC-1")).Events, (await bot.GetIncidentAsync("INC-2")).Events));
    }

    [Fact]
    public async Task Events_past_their_retention_are_pruned_in_the_background_when_the_bot_starts()
    {
        string folder = Directory.CreateTempSubdirectory("bot-events-").FullName;
        string database = Path.Combine(folder, "incidents.db");
        Dictionary<string, string?> settings = EventsBot.Settings();
        settings["Database:SqlitePath"] = database;
        await using (var first = new BotHost(settings))
        {
            await first.EnqueueAsync(EventsBot.Trigger(severity: "info"));
            Assert.Single(await first.StoredEventsAsync());
        }
        settings["Events:Retention"] = "00:00:00.001";
        await using (var second = new BotHost(settings))
        {
            _ = second.CreateClient();

            using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            patience.CancelAfter(TimeSpan.FromSeconds(30));
            while ((await second.StoredEventsAsync()).Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), patience.Token);
            }
        }
        Directory.Delete(folder, recursive: true);
    }
}
