using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>An alert that fires and resolves again and again: what its incident's channel hears, counted at the stand-in.</summary>
public sealed class FlappingDeliveryTests
{
    private const string GroupKey = "{}:{alertname=\"KubePodCrashLooping\"}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flapping_alert_cycling_five_times_in_three_minutes_leaves_one_postmortem_draft_the_last_one()
    {
        await using ManualDeliveryRig rig = await StartAsync();
        (SteppingClock clock, SlackStandIn slack, BotHost bot) = (rig.Clock, rig.Slack, rig.Bot);

        await FlapAsync(bot, clock, cycles: 5);

        // Resolved three times before it flaps, then twice in one minute's delivery: the draft replaced at once is not shared.
        Assert.Equal(4, slack.CallsTo("files.completeUploadExternal").Count);
        Assert.Equal(3, slack.CallsTo("files.delete").Count);
        StandInFile draft = Assert.Single(slack.Workspace.SharedFiles());
        Assert.Equal(
            slack.CallsTo("files.completeUploadExternal")[^1].Json!["files"]![0]!["id"]!.GetValue<string>(),
            draft.Id);
    }

    [Fact]
    public async Task A_flapping_alert_cycling_five_times_in_three_minutes_changes_the_topic_at_most_once_a_minute_and_leaves_it_showing_the_last_state()
    {
        await using ManualDeliveryRig rig = await StartAsync();
        (SteppingClock clock, SlackStandIn slack, BotHost bot) = (rig.Clock, rig.Slack, rig.Bot);

        await FlapAsync(bot, clock, cycles: 5);

        // Set as the channel opened (0 s, triggered); the resolution at 18 s waits for the minute, by when the alert fires
        // again and the topic shows that already; the resolution at 90 s is past it; from there the same again.
        IReadOnlyList<RecordedCall> topics = slack.CallsTo("conversations.setTopic");
        Assert.Equal(["SEV1 · Triggered", "SEV1 · Resolved"], topics.Select(call => string.Join(" · ", call.Json!["topic"]!.GetValue<string>().Split(" · ")[..2])));
        Assert.StartsWith("SEV1 · Resolved", slack.Workspace.Channel(ManualDelivery.ChannelOf(slack, "INC-1"))!.Topic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_topic_change_within_a_minute_of_the_last_waits_for_the_minute_then_shows_the_incident_as_it_is_with_nothing_else_to_tell()
    {
        await using ManualDeliveryRig rig = await StartAsync();
        (SteppingClock clock, SlackStandIn slack, BotHost bot) = (rig.Clock, rig.Slack, rig.Bot);
        DateTimeOffset startsAt = clock.GetUtcNow();
        (await bot.PostWebhookAsync(Alert(startsAt, endsAt: null))).EnsureSuccessStatusCode();
        await ManualDelivery.DrainAsync(bot, clock);
        clock.Advance(TimeSpan.FromSeconds(20));
        (await bot.PostWebhookAsync(Alert(startsAt, clock.GetUtcNow()))).EnsureSuccessStatusCode();
        await ManualDelivery.DrainAsync(bot, clock);
        Assert.Single(slack.CallsTo("conversations.setTopic"));

        DateTimeOffset topicSetAt = slack.CallsTo("conversations.setTopic")[0].At;
        clock.Advance(topicSetAt + TimeSpan.FromMinutes(1) - clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        await ManualDelivery.DrainAsync(bot, clock);
        Assert.Single(slack.CallsTo("conversations.setTopic"));
        clock.Advance(TimeSpan.FromSeconds(1));
        await ManualDelivery.DrainAsync(bot, clock);

        Assert.Equal(2, slack.CallsTo("conversations.setTopic").Count);
        Assert.StartsWith("SEV1 · Resolved", slack.Workspace.Channel(ManualDelivery.ChannelOf(slack, "INC-1"))!.Topic, StringComparison.Ordinal);
        Assert.Equal(0, await ManualDelivery.DrainAsync(bot, clock)); // nothing more is due
    }

    [Fact]
    public async Task Past_the_flapping_threshold_the_card_says_flapping_and_the_channel_hears_the_cycles_in_one_line_a_minute_ending_in_the_last_state()
    {
        await using ManualDeliveryRig rig = await StartAsync();
        (SteppingClock clock, SlackStandIn slack, BotHost bot) = (rig.Clock, rig.Slack, rig.Bot);

        await FlapAsync(bot, clock, cycles: 5);

        string channel = ManualDelivery.ChannelOf(slack, "INC-1");
        List<RecordedCall> lines = [.. slack.CallsTo("chat.postMessage").Where(call => call.Json!["channel"]!.GetValue<string>() == channel && call.Json["blocks"] is null)];
        // Three cycles told as usual (the third reopening makes it flapping), then one line a minute at most, the last
        // telling the state the cycles ended in; the timeline keeps every entry.
        Assert.Equal(12, lines.Count);
        RecordedCall[] flapLines = [.. lines.Where(call => call.Json!["text"]!.GetValue<string>().StartsWith("🔁 Flapping: ", StringComparison.Ordinal))];
        Assert.Equal(lines[^2..], flapLines);
        Assert.True(flapLines[1].At - flapLines[0].At >= TimeSpan.FromMinutes(1), $"{flapLines[0].At} then {flapLines[1].At}");
        Assert.EndsWith("; now *Resolved*", flapLines[1].Json!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        RecordedCall card = slack.CallsTo("chat.update").Last(call => call.Json!["channel"]!.GetValue<string>() == channel);
        Assert.Contains("✅ *Resolved* · 🔁 *flapping*", card.Json!["blocks"]![1]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_incident_stops_flapping_its_card_is_edited_then_to_say_so_and_nothing_else()
    {
        await using ManualDeliveryRig rig = await StartAsync();
        (SteppingClock clock, SlackStandIn slack, BotHost bot) = (rig.Clock, rig.Slack, rig.Bot);
        await FlapAsync(bot, clock, cycles: 5);
        string channel = ManualDelivery.ChannelOf(slack, "INC-1");
        List<RecordedCall> CardEdits() => [.. slack.CallsTo("chat.update").Where(call => call.Json!["channel"]!.GetValue<string>() == channel)];
        RecordedCall flapping = CardEdits()[^1];
        int edits = CardEdits().Count;

        // The last reopening (at 2 min 24 s) made it flapping for 10 minutes: 4 min had passed by the end of FlapAsync.
        clock.Advance(TimeSpan.FromMinutes(8));
        await ManualDelivery.DrainAsync(bot, clock);
        Assert.Equal(edits, CardEdits().Count);
        clock.Advance(TimeSpan.FromMinutes(1));
        await ManualDelivery.DrainAsync(bot, clock);

        RecordedCall stopped = Assert.Single(CardEdits()[edits..]);
        JsonArray expected = flapping.Json!["blocks"]!.AsArray().DeepClone().AsArray();
        string summary = expected[1]!["text"]!["text"]!.GetValue<string>();
        Assert.Contains(" · 🔁 *flapping*", summary, StringComparison.Ordinal);
        expected[1]!["text"]!["text"] = summary.Replace(" · 🔁 *flapping*", "", StringComparison.Ordinal);
        JsonArray blocks = stopped.Json!["blocks"]!.AsArray();
        Assert.Equal(expected.Count, blocks.Count);
        for (int i = 0; i < blocks.Count - 1; i++) // all but the footer, which says when the card was updated
        {
            Assert.True(JsonNode.DeepEquals(expected[i], blocks[i]), $"block {i}: {blocks[i]!.ToJsonString()} is not {expected[i]!.ToJsonString()}");
        }
        Assert.Equal(0, await ManualDelivery.DrainAsync(bot, clock)); // nothing more is due
    }

    /// <summary>
    /// Fires and resolves the alert <paramref name="cycles"/> times, 18 s each way, delivering as it goes (36 s a cycle), then
    /// a minute later delivers what was held back.
    /// </summary>
    private static async Task FlapAsync(BotHost bot, SteppingClock clock, int cycles)
    {
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            DateTimeOffset startsAt = clock.GetUtcNow();
            (await bot.PostWebhookAsync(Alert(startsAt, endsAt: null))).EnsureSuccessStatusCode();
            await ManualDelivery.DrainAsync(bot, clock);
            clock.Advance(TimeSpan.FromSeconds(18));
            (await bot.PostWebhookAsync(Alert(startsAt, clock.GetUtcNow()))).EnsureSuccessStatusCode();
            await ManualDelivery.DrainAsync(bot, clock);
            clock.Advance(TimeSpan.FromSeconds(18));
        }
        clock.Advance(TimeSpan.FromMinutes(1));
        await ManualDelivery.DrainAsync(bot, clock);
    }

    private static Task<ManualDeliveryRig> StartAsync() => ManualDeliveryRig.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    private static string Alert(DateTimeOffset startsAt, DateTimeOffset? endsAt)
    {
        JsonNode delivery = JsonNode.Parse(Payloads.OneAlert(GroupKey, "KubePodCrashLooping", "critical"))!;
        string status = endsAt is null ? "firing" : "resolved";
        delivery["status"] = status;
        JsonNode alert = delivery["alerts"]![0]!;
        alert["status"] = status;
        alert["startsAt"] = startsAt.ToString("O");
        alert["endsAt"] = endsAt?.ToString("O") ?? "0001-01-01T00:00:00Z";
        return delivery.ToJsonString();
    }
}
