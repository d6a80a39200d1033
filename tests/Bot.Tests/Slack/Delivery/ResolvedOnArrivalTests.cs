using ChatOpsIncidents.Bot.Tests.Faults;
using ChatOpsIncidents.Bot.Tests.Hosting;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>An alert group that arrives already resolved, never seen firing, is news of the past: one line, no channel.</summary>
public sealed class ResolvedOnArrivalTests
{
    private const int Group = 7;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_group_that_arrives_resolved_gets_one_line_in_the_incidents_channel_and_no_channel_until_it_fires_again()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(ManualDelivery.SlackSettings(slack, incidents), clock);

        Assert.True((await bot.PostWebhookAsync(AlertBurst.Webhook(Group, 3, resolvedBelow: 3))).IsSuccessStatusCode);
        await ManualDelivery.DrainAsync(bot, clock);

        Assert.Empty(slack.CallsTo("conversations.create"));
        string line = Assert.Single(slack.Workspace.Messages(incidents)).Text!;
        Assert.StartsWith("✅ *SEV3* INC-1 · ", line, StringComparison.Ordinal);
        Assert.EndsWith(" — arrived resolved (3 alerts, never seen firing); no channel", line, StringComparison.Ordinal);
        Assert.Equal("resolved", (await bot.GetIncidentAsync("INC-1")).Incident.Status);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await bot.PostWebhookAsync(AlertBurst.Webhook(Group, 4, resolvedBelow: 3))).IsSuccessStatusCode);
        await ManualDelivery.DrainAsync(bot, clock);

        string channel = ManualDelivery.ChannelOf(slack, "INC-1");
        Assert.Contains($"<#{channel}>", Assert.Single(slack.Workspace.Messages(incidents)).Text, StringComparison.Ordinal); // the line became its announcement
    }

    [Fact]
    public async Task With_Incidents_ChannelForResolvedOnArrival_a_group_that_arrives_resolved_gets_its_channel()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        Dictionary<string, string?> settings = ManualDelivery.SlackSettings(slack, incidents);
        settings["Incidents:ChannelForResolvedOnArrival"] = "true";
        await using BotHost bot = ManualDelivery.Bot(settings, clock);

        await bot.PostWebhookAsync(AlertBurst.Webhook(Group, 3, resolvedBelow: 3));
        await ManualDelivery.DrainAsync(bot, clock);

        Assert.Single(slack.CallsTo("conversations.create"));
        Assert.Contains($"<#{ManualDelivery.ChannelOf(slack, "INC-1")}>", Assert.Single(slack.Workspace.Messages(incidents)).Text, StringComparison.Ordinal);
    }
}
