using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>Slack:ChannelFor: incidents less severe than it live in a thread in the incidents channel instead of a channel of their own.</summary>
public sealed class ChannelPolicyTests : IAsyncLifetime
{
    private readonly SteppingClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
    private SlackStandIn _slack = null!;
    private BotHost _bot = null!;
    private string _incidents = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The bot with Slack:ChannelFor SEV2: SEV3 and SEV4 incidents get no channel of their own.</summary>
    public async ValueTask InitializeAsync()
    {
        _slack = await SlackStandIn.StartAsync(_clock, Ct);
        _incidents = _slack.Workspace.AddChannel("incidents");
        Dictionary<string, string?> settings = ManualDelivery.SlackSettings(_slack, _incidents);
        settings["Slack:ChannelFor"] = "SEV2";
        _bot = ManualDelivery.Bot(settings, _clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task An_incident_below_the_channel_policy_is_a_card_in_the_incidents_channel_with_its_news_in_the_thread()
    {
        await _bot.PostWebhookAsync(Payloads.OneAlert("minor", "DiskFilling", "warning"));
        await _bot.PostWebhookAsync(Payloads.OneAlert("severe", "CheckoutDown", "critical"));
        await ManualDelivery.DrainAsync(_bot, _clock);

        Assert.StartsWith("inc-2-", Assert.Single(_slack.CallsTo("conversations.create")).Json!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(_incidents, ManualDelivery.ChannelOf(_slack, "INC-1"));
        Assert.DoesNotContain(_slack.CallsTo("conversations.setTopic"), c => c.Json?["channel"]?.GetValue<string>() == _incidents);
        Assert.DoesNotContain(_slack.CallsTo("conversations.invite"), c => c.Json?["channel"]?.GetValue<string>() == _incidents);
        string cardTs = _slack.Workspace.Messages(_incidents).Single(m => m.Blocks?.ToJsonString().Contains("INC-1", StringComparison.Ordinal) == true).Ts;

        (await _bot.CreateClient().PostAsJsonAsync("/api/incidents/INC-1/ack", new { by = "alice" }, Ct)).EnsureSuccessStatusCode();
        await ManualDelivery.DrainAsync(_bot, _clock);

        StandInMessage reply = Assert.Single(_slack.Workspace.Messages(_incidents), m => m.ThreadTs == cardTs);
        Assert.Contains("cknowledged", reply.Text, StringComparison.Ordinal);
        StandInMessage card = _slack.Workspace.Messages(_incidents).Single(m => m.Ts == cardTs);
        Assert.Contains("Acknowledged", card.Text, StringComparison.Ordinal);
        Assert.Equal(2, _slack.Workspace.Messages(_incidents).Count(m => m.ThreadTs is null)); // INC-1's card and INC-2's announcement
    }

    [Fact]
    public async Task An_incident_raised_to_the_channel_policy_gets_its_channel_and_its_card_in_the_incidents_channel_becomes_the_announcement()
    {
        await _bot.PostWebhookAsync(Payloads.OneAlert("minor", "DiskFilling", "warning"));
        await ManualDelivery.DrainAsync(_bot, _clock);
        string cardTs = Assert.Single(_slack.Workspace.Messages(_incidents)).Ts;

        string command = SignedSlackRequest.Form(
            ("command", "/incident"), ("text", "severity INC-1 SEV1"), ("user_id", "U0ONCALL1"), ("user_name", "dana"), ("channel_id", _incidents), ("trigger_id", "1.2.3"));
        using HttpRequestMessage typed = SignedSlackRequest.Create("/slack/commands", command, _clock.GetUtcNow());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _bot.CreateClient().SendAsync(typed, Ct)).StatusCode);
        await ManualDelivery.DrainAsync(_bot, _clock);

        string channel = _slack.CallsTo("chat.postMessage").Select(c => c.Json!["channel"]!.GetValue<string>()).Distinct().Single(c => c != _incidents);
        Assert.Contains(_slack.Workspace.Messages(channel), m => m.Blocks?.ToJsonString().Contains("INC-1", StringComparison.Ordinal) == true); // the card
        Assert.StartsWith("inc-1-", Assert.Single(_slack.CallsTo("conversations.create")).Json!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        StandInMessage announcement = Assert.Single(_slack.Workspace.Messages(_incidents), m => m.ThreadTs is null);
        Assert.Equal(cardTs, announcement.Ts);
        Assert.StartsWith("🔴 *SEV1* INC-1 · ", announcement.Text, StringComparison.Ordinal);
        Assert.Equal(announcement.Text, Assert.Single(announcement.Blocks!)!["text"]!["text"]!.GetValue<string>());
        Assert.Contains($"<#{channel}>", announcement.Text, StringComparison.Ordinal);
    }
}
