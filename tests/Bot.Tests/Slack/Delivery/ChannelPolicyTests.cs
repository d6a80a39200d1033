using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>Slack:ChannelFor: incidents less severe than it live in a thread in the incidents channel instead of a channel of their own.</summary>
public sealed class ChannelPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_incident_below_the_channel_policy_is_a_card_in_the_incidents_channel_with_its_news_in_the_thread()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        Dictionary<string, string?> settings = ManualDelivery.SlackSettings(slack, incidents);
        settings["Slack:ChannelFor"] = "SEV2";
        await using BotHost bot = ManualDelivery.Bot(settings, clock);
        await bot.PostWebhookAsync(Payloads.OneAlert("minor", "DiskFilling", "warning"));
        await bot.PostWebhookAsync(Payloads.OneAlert("severe", "CheckoutDown", "critical"));
        await ManualDelivery.DrainAsync(bot, clock);

        Assert.StartsWith("inc-2-", Assert.Single(slack.CallsTo("conversations.create")).Json!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(incidents, ManualDelivery.ChannelOf(slack, "INC-1"));
        Assert.DoesNotContain(slack.CallsTo("conversations.setTopic"), c => c.Json?["channel"]?.GetValue<string>() == incidents);
        Assert.DoesNotContain(slack.CallsTo("conversations.invite"), c => c.Json?["channel"]?.GetValue<string>() == incidents);
        string cardTs = slack.Workspace.Messages(incidents).Single(m => m.Blocks?.ToJsonString().Contains("INC-1", StringComparison.Ordinal) == true).Ts;

        (await bot.CreateClient().PostAsJsonAsync("/api/incidents/INC-1/ack", new { by = "alice" }, Ct)).EnsureSuccessStatusCode();
        await ManualDelivery.DrainAsync(bot, clock);

        StandInMessage reply = Assert.Single(slack.Workspace.Messages(incidents), m => m.ThreadTs == cardTs);
        Assert.Contains("cknowledged", reply.Text, StringComparison.Ordinal);
        StandInMessage card = slack.Workspace.Messages(incidents).Single(m => m.Ts == cardTs);
        Assert.Contains("Acknowledged", card.Text, StringComparison.Ordinal);
        Assert.Equal(2, slack.Workspace.Messages(incidents).Count(m => m.ThreadTs is null)); // INC-1's card and INC-2's announcement
    }

    [Fact]
    public async Task An_incident_raised_to_the_channel_policy_gets_its_channel_and_its_card_in_the_incidents_channel_becomes_the_announcement()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        Dictionary<string, string?> settings = ManualDelivery.SlackSettings(slack, incidents);
        settings["Slack:ChannelFor"] = "SEV2";
        await using BotHost bot = ManualDelivery.Bot(settings, clock);
        await bot.PostWebhookAsync(Payloads.OneAlert("minor", "DiskFilling", "warning"));
        await ManualDelivery.DrainAsync(bot, clock);
        string cardTs = Assert.Single(slack.Workspace.Messages(incidents)).Ts;

        string command = SignedSlackRequest.Form(
            ("command", "/incident"), ("text", "severity INC-1 SEV1"), ("user_id", "U0ONCALL1"), ("user_name", "dana"), ("channel_id", incidents), ("trigger_id", "1.2.3"));
        using HttpRequestMessage typed = SignedSlackRequest.Create("/slack/commands", command, clock.GetUtcNow());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await bot.CreateClient().SendAsync(typed, Ct)).StatusCode);
        await ManualDelivery.DrainAsync(bot, clock);

        string channel = slack.CallsTo("chat.postMessage").Select(c => c.Json!["channel"]!.GetValue<string>()).Distinct().Single(c => c != incidents);
        Assert.Contains(slack.Workspace.Messages(channel), m => m.Blocks?.ToJsonString().Contains("INC-1", StringComparison.Ordinal) == true); // the card
        Assert.StartsWith("inc-1-", Assert.Single(slack.CallsTo("conversations.create")).Json!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        StandInMessage announcement = Assert.Single(slack.Workspace.Messages(incidents), m => m.ThreadTs is null);
        Assert.Equal(cardTs, announcement.Ts);
        Assert.StartsWith("🚨 *SEV1* INC-1 · ", announcement.Text, StringComparison.Ordinal);
        Assert.Equal(announcement.Text, Assert.Single(announcement.Blocks!)!["text"]!["text"]!.GetValue<string>());
        Assert.Contains($"<#{channel}>", announcement.Text, StringComparison.Ordinal);
    }
}
