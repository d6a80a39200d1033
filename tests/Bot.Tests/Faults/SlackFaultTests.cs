using System.Net;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Delivery;

namespace ChatOpsIncidents.Bot.Tests.Faults;

/// <summary>Slack down, hanging or rate limiting while alerts pour in: afterwards every message is there exactly once, in order.</summary>
public sealed class SlackFaultTests
{
    private const int Groups = 50;
    private const int AlertsPerGroup = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task PostAsync(BotHost bot, string webhook)
    {
        HttpResponseMessage response = await bot.PostWebhookAsync(webhook);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_burst_of_200_alerts_in_50_groups_while_Slack_fails_then_hangs_is_told_exactly_once_and_in_order_after_recovery()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        slack.Workspace.AddUser(ManualDelivery.Responder, "alice", "Alice Example");
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(WithoutStorms(ManualDelivery.SlackSettings(slack, incidents)), clock);
        for (int group = 0; group < 10; group++)
        {
            await PostAsync(bot, AlertBurst.Webhook(group, alerts: 1));
        }
        await ManualDelivery.DrainAsync(bot, clock); // the first ten are in Slack before it goes down

        slack.Outage = SlackOutage.ServerErrors;
        for (int alerts = 1; alerts <= AlertsPerGroup; alerts++)
        {
            if (alerts == 3)
            {
                slack.Outage = SlackOutage.Timeouts;
            }
            for (int group = 0; group < Groups; group++)
            {
                await PostAsync(bot, AlertBurst.Webhook(group, alerts));
            }
            await ManualDelivery.DrainAsync(bot, clock); // every attempt fails and is put off
        }
        await PostAsync(bot, AlertBurst.Webhook(7, AlertsPerGroup, resolvedBelow: AlertsPerGroup));
        HttpResponseMessage ack = await bot.CreateClient().PostAsJsonAsync("/api/incidents/INC-3/ack", new { by = "alice" }, Ct);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        await ManualDelivery.DrainAsync(bot, clock);
        int messagesDuringOutage = slack.Workspace.Messages(incidents).Count;

        slack.Outage = SlackOutage.None;
        clock.Advance(TimeSpan.FromMinutes(10)); // past every backoff
        await ManualDelivery.DrainAsync(bot, clock);

        Assert.Equal(10, messagesDuringOutage);
        Assert.Contains(slack.Calls, c => c.Method == "conversations.create" && c.At > clock.GetUtcNow().AddMinutes(-10)); // it did come back
        Assert.Equal((Groups, Groups * AlertsPerGroup), await CountsAsync(bot));
        await SlackRecord.AssertEachIncidentToldOnceInOrderAsync(bot.Services, slack, incidents, Groups, Ct);
    }

    [Fact]
    public async Task In_a_storm_of_429s_the_client_waits_as_Retry_After_says_drops_nothing_and_the_outbox_drains()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        slack.Workspace.AddUser(ManualDelivery.Responder, "alice", "Alice Example");
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(WithoutStorms(ManualDelivery.SlackSettings(slack, incidents)), clock);
        var retryAfter = new Dictionary<string, TimeSpan>
        {
            ["conversations.create"] = TimeSpan.FromSeconds(2),
            ["chat.postMessage"] = TimeSpan.FromSeconds(3),
            ["chat.update"] = TimeSpan.FromSeconds(45), // longer than the client waits itself: the outbox puts the incident off
        };
        var storms = new Dictionary<string, int> { ["conversations.create"] = 6, ["chat.postMessage"] = 40, ["chat.update"] = 3 };
        foreach ((string method, int times) in storms)
        {
            slack.InjectFault(SlackFault.RateLimited(retryAfter[method]), times, method);
        }
        for (int alerts = 1; alerts <= 3; alerts++)
        {
            for (int group = 0; group < 12; group++)
            {
                await PostAsync(bot, AlertBurst.Webhook(group, alerts));
            }
            await DrainOutboxAsync(); // so that the next alerts change the cards: edits
        }

        foreach ((string method, int times) in storms)
        {
            IReadOnlyList<RecordedCall> calls = slack.CallsTo(method);
            Assert.True(calls.Count > times, $"{method}: only {calls.Count} calls, {times} of them refused");
            for (int refused = 0; refused < times; refused++)
            {
                TimeSpan waited = calls[refused + 1].At - calls[refused].At;
                Assert.True(waited >= retryAfter[method], $"{method} call {refused + 2} came {waited} after a 429 that said Retry-After {retryAfter[method]}");
            }
        }
        await SlackRecord.AssertEachIncidentToldOnceInOrderAsync(bot.Services, slack, incidents, 12, Ct);

        async Task DrainOutboxAsync()
        {
            for (int round = 0; (await StoredRows.ReadAsync(bot.Services, Ct)).Undelivered > 0; round++)
            {
                Assert.True(round < 50, "the outbox did not drain");
                await ManualDelivery.DrainAsync(bot, clock);
                clock.Advance(TimeSpan.FromSeconds(15));
            }
        }
    }

    private static async Task<(int Incidents, int Alerts)> CountsAsync(BotHost bot)
    {
        StoredRows rows = await StoredRows.ReadAsync(bot.Services, Ct);
        return (rows.Incidents, rows.Alerts);
    }

    /// <summary>
    /// These bursts are alert storms at the default Storms:Threshold, whose low severities get no channel; these tests are about
    /// every incident's channel surviving Slack's faults (StormTests and StormDeliveryTests cover storms).
    /// </summary>
    private static Dictionary<string, string?> WithoutStorms(Dictionary<string, string?> settings)
    {
        settings["Storms:Threshold"] = "100000";
        return settings;
    }
}
