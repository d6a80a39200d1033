using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Tests.Faults;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>Alert changes keep a timeline entry each, but an incident channel hears them a few lines for many.</summary>
public sealed partial class AlertLinesTests
{
    private const int Group = 1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_group_of_2000_alerts_firing_then_resolving_is_a_handful_of_messages_and_one_card_edit()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(Settings(slack, incidents), clock);

        Assert.True((await bot.PostWebhookAsync(AlertBurst.Webhook(Group, 2_000))).IsSuccessStatusCode);
        await ManualDelivery.DrainAsync(bot, clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await bot.PostWebhookAsync(AlertBurst.Webhook(Group, 2_000, resolvedBelow: 2_000))).IsSuccessStatusCode);
        await ManualDelivery.DrainAsync(bot, clock);

        string channel = ManualDelivery.ChannelOf(slack, "INC-1");
        List<string> lines = ManualDelivery.LinesIn(slack, channel);
        Assert.InRange(lines.Count, 1, 4);
        Assert.Contains(
            "🟢 2000 alerts resolved: pod-0 of drill-001 fails its drill, pod-1 of drill-001 fails its drill, pod-2 of drill-001 fails its drill … and 1997 more",
            lines);
        Assert.Single(slack.CallsTo("chat.update"), call => call.Json?["channel"]?.GetValue<string>() == channel);
        Assert.Equal(2_000, await CountAsync(bot, TimelineEntryKind.AlertResolved)); // the audit keeps every alert
    }

    [Fact]
    public async Task Fifty_deliveries_each_adding_an_alert_are_told_in_far_fewer_lines_and_none_is_left_out()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(Settings(slack, incidents), clock);
        await bot.PostWebhookAsync(AlertBurst.Webhook(Group, 1));
        await ManualDelivery.DrainAsync(bot, clock);

        for (int alerts = 2; alerts <= 51; alerts++)
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            Assert.True((await bot.PostWebhookAsync(AlertBurst.Webhook(Group, alerts))).IsSuccessStatusCode);
            await ManualDelivery.DrainAsync(bot, clock);
        }
        clock.Advance(TimeSpan.FromMinutes(1));
        await ManualDelivery.DrainAsync(bot, clock);

        List<string> lines = ManualDelivery.LinesIn(slack, ManualDelivery.ChannelOf(slack, "INC-1"));
        Assert.InRange(lines.Count, 1, 10);
        Assert.Equal(50, lines.Sum(AlertsTold));
    }

    [Fact]
    public async Task Alert_lines_Slack_failed_to_take_are_posted_once_it_recovers()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(Settings(slack, incidents), clock);
        await bot.PostWebhookAsync(AlertBurst.Webhook(Group, 2));
        await ManualDelivery.DrainAsync(bot, clock);
        clock.Advance(TimeSpan.FromMinutes(1));

        await bot.PostWebhookAsync(AlertBurst.Webhook(Group, 12));
        slack.Outage = SlackOutage.ServerErrors;
        clock.Advance(TimeSpan.FromMinutes(1));
        await ManualDelivery.DrainAsync(bot, clock);
        slack.Outage = SlackOutage.None;
        clock.Advance(TimeSpan.FromMinutes(10)); // past every backoff
        await ManualDelivery.DrainAsync(bot, clock);

        List<string> lines = ManualDelivery.LinesIn(slack, ManualDelivery.ChannelOf(slack, "INC-1"));
        Assert.Equal(["🔥 10 alerts firing: pod-2 of drill-001 fails its drill, pod-3 of drill-001 fails its drill, pod-4 of drill-001 fails its drill … and 7 more"], lines);
    }

    [Fact]
    public async Task An_acknowledgement_is_told_at_once_though_the_alert_news_before_it_waits_for_more()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(Settings(slack, incidents), clock);
        await bot.PostWebhookAsync(AlertBurst.Webhook(Group, 1));
        await ManualDelivery.DrainAsync(bot, clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        await bot.PostWebhookAsync(AlertBurst.Webhook(Group, 2));
        await ManualDelivery.DrainAsync(bot, clock);
        string channel = ManualDelivery.ChannelOf(slack, "INC-1");
        Assert.DoesNotContain(slack.Workspace.Messages(channel), m => m.Blocks is null); // the new alert waits for more
        DateTimeOffset acknowledgedAt = clock.GetUtcNow();

        await using (AsyncServiceScope scope = bot.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IncidentService>().AcknowledgeAsync(new IncidentKey(1), Actor.Api("ci"), Ct)).Succeeded);
        }
        await ManualDelivery.DrainAsync(bot, clock);

        List<string> lines = ManualDelivery.LinesIn(slack, channel);
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("🔥 Alert firing: ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("acknowledged the incident", lines[1], StringComparison.Ordinal);
        Assert.InRange(clock.GetUtcNow() - acknowledgedAt, TimeSpan.Zero, TimeSpan.FromSeconds(1)); // Slack's message a second, not the 15 s wait
    }

    /// <summary>The bot as configured by default: alert news waits 15 s for more.</summary>
    private static Dictionary<string, string?> Settings(SlackStandIn slack, string incidents)
    {
        Dictionary<string, string?> settings = ManualDelivery.SlackSettings(slack, incidents);
        settings.Remove("Slack:AlertLinesDelay");
        return settings;
    }

    /// <summary>How many alert changes a line tells: "🔥 7 alerts firing: …" tells 7, "🔥 Alert firing: …" one.</summary>
    private static int AlertsTold(string line) => CountedLine().Match(line) is { Success: true } counted
        ? int.Parse(counted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
        : line.StartsWith("🔥 Alert firing: ", StringComparison.Ordinal) ? 1 : 0;

    private static async Task<int> CountAsync(BotHost bot, TimelineEntryKind kind)
    {
        await using AsyncServiceScope scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IncidentsDbContext>().TimelineEntries.CountAsync(e => e.Kind == kind, Ct);
    }

    [GeneratedRegex(@"^🔥 (\d+) alerts firing: ")]
    private static partial Regex CountedLine();
}
