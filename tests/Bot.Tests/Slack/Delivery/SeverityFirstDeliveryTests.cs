using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Slack.Delivery;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>What Slack must be told leaves the most severe first, and news for existing channels never queues behind new channels.</summary>
public sealed class SeverityFirstDeliveryTests
{
    /// <summary>Slack's Tier 2 budget for <c>conversations.create</c>: one every 3 s after a burst of two.</summary>
    private static readonly TimeSpan s_createInterval = TimeSpan.FromSeconds(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Under_a_spent_channel_budget_a_SEV1_gets_the_next_channel_and_an_existing_channel_hears_its_news_first()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(ManualDelivery.SlackSettings(slack, incidents), clock);
        SlackOutboxDispatcher dispatcher = bot.Services.GetRequiredService<SlackOutboxDispatcher>();
        for (int i = 1; i <= 6; i++)
        {
            await bot.PostWebhookAsync(Payloads.OneAlert($"minor-{i}", $"DiskFilling{i}", "info"));
        }
        while (slack.CallsTo("conversations.create").Count < 2) // the burst: the budget is spent for the next 3 s
        {
            await clock.RunAsync(dispatcher.DeliverNextAsync(Ct));
        }
        DateTimeOffset spentAt = clock.GetUtcNow();

        await bot.PostWebhookAsync(Payloads.OneAlert("severe", "CheckoutDown", "critical"));
        (await bot.CreateClient().PostAsJsonAsync("/api/incidents/INC-1/ack", new { by = "alice" }, Ct)).EnsureSuccessStatusCode();
        await clock.RunAsync(dispatcher.DeliverNextAsync(Ct));

        RecordedCall ackLine = Assert.Single(slack.CallsTo("chat.postMessage"),
            c => c.Json?["channel"]?.GetValue<string>() == ManualDelivery.ChannelOf(slack, "INC-1") && c.Json?["blocks"] is null);
        Assert.Equal(2, slack.CallsTo("conversations.create").Count);
        Assert.True(ackLine.At - spentAt < s_createInterval, $"the ack line waited {ackLine.At - spentAt} for a channel budget it does not need");

        await ManualDelivery.DrainAsync(bot, clock);
        List<RecordedCall> creates = [.. slack.CallsTo("conversations.create")];
        Assert.Equal(
            ["inc-1-", "inc-2-", "inc-7-", "inc-3-", "inc-4-", "inc-5-", "inc-6-"],
            creates.Select(c => c.Json!["name"]!.GetValue<string>()[..6]));
        // The ack's topic change took the next conversations.setTopic slot, which a new channel needs too: the SEV1's is the one after.
        Assert.InRange(creates[2].At - spentAt, TimeSpan.Zero, 2 * s_createInterval);
        Assert.Contains(slack.Workspace.Messages(ManualDelivery.ChannelOf(slack, "INC-7")), m => m.Blocks is not null);
        string metrics = await bot.CreateClient().GetStringAsync("/metrics", Ct);
        double newChannelWaits = new[] { "conversations.create", "conversations.setTopic" }
            .Sum(method => Scrape.Value(metrics, $"chatops_slack_api_budget_wait_seconds_count{{method=\"{method}\"}}") ?? 0);
        Assert.True(newChannelWaits >= 4, Scrape.Family(metrics, "chatops_slack_api_budget_wait_seconds"));
    }
}
