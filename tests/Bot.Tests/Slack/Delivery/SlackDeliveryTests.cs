using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

public sealed class SlackDeliveryTests
{
    private const string Responder = ManualDelivery.Responder;
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_incident_gets_a_channel_with_topic_and_responders_then_its_card_then_an_announcement()
    {
        await using SlackStandIn slack = await SlackStandIn.StartAsync(TimeProvider.System, Ct);
        slack.Workspace.AddUser(Responder, "alice", "Alice Example");
        string incidents = slack.Workspace.AddChannel("incidents");
        await using var bot = new BotHost(ManualDelivery.SlackSettings(slack, incidents));

        await bot.PostWebhookAsync(Payloads.Firing);
        await WaitUntilAsync(() => slack.Workspace.Messages(incidents).Count > 0);

        // The card went out as the incident is: it is not edited until what it shows changes.
        Assert.Equal(
            ["conversations.create", "conversations.setTopic", "conversations.invite", "chat.postMessage", "chat.postMessage"],
            slack.Calls.Select(c => c.Method));
        RecordedCall create = slack.CallsTo("conversations.create")[0];
        Assert.Equal("inc-1-kube-pod-crash-looping-checkout-api", create.Json?["name"]?.GetValue<string>());
        string channel = ManualDelivery.ChannelOf(slack, "INC-1");
        Assert.Contains("SEV1", slack.Workspace.Channel(channel)!.Topic, StringComparison.Ordinal);
        Assert.Contains(Responder, slack.Workspace.Channel(channel)!.Members);
        RecordedCall card = slack.CallsTo("chat.postMessage")[0];
        Assert.Equal(channel, card.Json?["channel"]?.GetValue<string>());
        Assert.Contains("INC-1", card.Json?["blocks"]?[0]?["text"]?["text"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("INC-1", slack.Workspace.Messages(incidents).Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_Slack_PrivateChannels_the_incident_channel_is_created_private()
    {
        await using SlackStandIn slack = await SlackStandIn.StartAsync(TimeProvider.System, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        Dictionary<string, string?> settings = ManualDelivery.SlackSettings(slack, incidents);
        settings["Slack:PrivateChannels"] = "true";
        await using var bot = new BotHost(settings);

        await bot.PostWebhookAsync(Payloads.Firing);
        await WaitUntilAsync(() => slack.Workspace.Messages(incidents).Count > 0);

        Assert.True(slack.CallsTo("conversations.create")[0].Json?["is_private"]?.GetValue<bool>());
        Assert.True(slack.Workspace.Channel(ManualDelivery.ChannelOf(slack, "INC-1"))!.IsPrivate);
    }

    [Fact]
    public async Task A_taken_channel_name_gets_a_numbered_suffix_and_the_incident_still_reaches_slack()
    {
        await using SlackStandIn slack = await SlackStandIn.StartAsync(TimeProvider.System, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        slack.Workspace.AddChannel("inc-1-kube-pod-crash-looping-checkout-api");
        await using var bot = new BotHost(ManualDelivery.SlackSettings(slack, incidents));

        await bot.PostWebhookAsync(Payloads.Firing);
        await WaitUntilAsync(() => slack.Workspace.Messages(incidents).Count > 0);

        Assert.Equal(
            ["inc-1-kube-pod-crash-looping-checkout-api", "inc-1-kube-pod-crash-looping-checkout-api-2"],
            slack.CallsTo("conversations.create").Select(c => c.Json?["name"]?.GetValue<string>()));
        Assert.Contains("INC-1", slack.Workspace.Messages(ManualDelivery.ChannelOf(slack, "INC-1"))[0].Blocks?.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledging_edits_the_card_in_place_and_says_so_in_the_channel()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        slack.Workspace.AddUser(Responder, "alice", "Alice Example");
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(ManualDelivery.SlackSettings(slack, incidents), clock);
        await bot.PostWebhookAsync(Payloads.Firing);
        await ManualDelivery.DrainAsync(bot, clock);
        string channel = ManualDelivery.ChannelOf(slack, "INC-1");
        string cardTs = slack.Workspace.Messages(channel)[0].Ts;

        await bot.CreateClient().PostAsJsonAsync("/api/incidents/INC-1/ack", new { by = "alice" }, Ct);
        await ManualDelivery.DrainAsync(bot, clock);

        RecordedCall update = slack.CallsTo("chat.update")[^1];
        Assert.Equal(cardTs, update.Json?["ts"]?.GetValue<string>());
        Assert.Contains("Acknowledged", update.Json?["blocks"]?.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("incident-acknowledge", update.Json?["blocks"]?.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(slack.Workspace.Messages(channel), m => m.Text?.Contains("cknowledged", StringComparison.Ordinal) == true && m.Ts != cardTs);
        Assert.Single(slack.CallsTo("conversations.create"));
    }

    [Fact]
    public async Task A_signed_ack_command_in_the_incident_channel_and_a_signed_Acknowledge_button_each_edit_the_card()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(ManualDelivery.SlackSettings(slack, incidents), clock);
        await bot.PostWebhookAsync(Payloads.Firing);
        await bot.PostWebhookAsync(Payloads.Firing.Replace("\"groupKey\": \"", "\"groupKey\": \"second:", StringComparison.Ordinal));
        await ManualDelivery.DrainAsync(bot, clock);
        string first = ManualDelivery.ChannelOf(slack, "INC-1");
        string second = ManualDelivery.ChannelOf(slack, "INC-2");

        string command = SignedSlackRequest.Form(
            ("command", "/incident"), ("text", "ack"), ("user_id", "U0ONCALL1"), ("user_name", "dana"), ("channel_id", first),
            ("response_url", "https://hooks.slack.com/commands/T0/1/x"), ("trigger_id", "1.2.3"));
        using HttpRequestMessage typed = SignedSlackRequest.Create("/slack/commands", command, clock.GetUtcNow());
        HttpResponseMessage commandAnswer = await bot.CreateClient().SendAsync(typed, Ct);
        string press = SignedSlackRequest.Form(("payload", InteractionPayloads.ButtonPress(IncidentCardActions.Acknowledge, "INC-2", "U0ALICE01", second).ToJsonString()));
        using HttpRequestMessage pressed = SignedSlackRequest.Create("/slack/interactions", press, clock.GetUtcNow());
        HttpResponseMessage buttonAnswer = await bot.CreateClient().SendAsync(pressed, Ct);
        await ManualDelivery.DrainAsync(bot, clock);

        Assert.Equal((System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK), (commandAnswer.StatusCode, buttonAnswer.StatusCode));
        foreach ((string channel, string who) in new[] { (first, "U0ONCALL1"), (second, "U0ALICE01") })
        {
            StandInMessage card = slack.Workspace.Messages(channel)[0];
            Assert.Contains("Acknowledged", card.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(IncidentCardActions.Acknowledge, card.Blocks!.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains(slack.Workspace.Messages(channel), m => m.Blocks is null && m.Text!.Contains(who, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_incidents_channel_line_is_edited_in_place_to_follow_status_severity_and_who_has_the_incident()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(ManualDelivery.SlackSettings(slack, incidents), clock);
        await bot.PostWebhookAsync(Payloads.Firing);
        await ManualDelivery.DrainAsync(bot, clock);
        string channel = ManualDelivery.ChannelOf(slack, "INC-1");
        string line = Assert.Single(slack.Workspace.Messages(incidents)).Text!;
        Assert.StartsWith("🔴 *SEV1* INC-1 · ", line, StringComparison.Ordinal);

        foreach (string text in new[] { "ack", "severity 3", "assign <@U0ALICE01>" })
        {
            await TypeAsync(bot, clock, text, channel);
        }
        await ManualDelivery.DrainAsync(bot, clock);
        string edited = Assert.Single(slack.Workspace.Messages(incidents)).Text!;
        Assert.Equal(
            line.Replace("🔴 *SEV1*", "🟡 *SEV3*", StringComparison.Ordinal) + " · 👀 acknowledged by <@U0ONCALL1> · assigned to <@U0ALICE01>",
            edited);

        JsonObject confirm = await InteractionPayloads.ConfirmResolveAsync(await TypeAsync(bot, clock, "resolve", channel), "U0ONCALL1", channel);
        using HttpRequestMessage pressed = SignedSlackRequest.Create("/slack/interactions", SignedSlackRequest.Form(("payload", confirm.ToJsonString())), clock.GetUtcNow());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await bot.CreateClient().SendAsync(pressed, Ct)).StatusCode);
        await ManualDelivery.DrainAsync(bot, clock);
        Assert.Equal(
            line.Replace("🔴 *SEV1*", "🟡 *SEV3*", StringComparison.Ordinal) + " · ✅ resolved by <@U0ONCALL1> · assigned to <@U0ALICE01>",
            Assert.Single(slack.Workspace.Messages(incidents)).Text);
    }

    private static async Task<HttpResponseMessage> TypeAsync(BotHost bot, SteppingClock clock, string text, string channel)
    {
        string command = SignedSlackRequest.Form(
            ("command", "/incident"), ("text", text), ("user_id", "U0ONCALL1"), ("user_name", "dana"), ("channel_id", channel), ("trigger_id", "1.2.3"));
        using HttpRequestMessage typed = SignedSlackRequest.Create("/slack/commands", command, clock.GetUtcNow());
        HttpResponseMessage answer = await bot.CreateClient().SendAsync(typed, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        return answer;
    }

    [Fact]
    public async Task After_a_Slack_outage_every_incident_is_told_exactly_once_and_in_order()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        slack.Workspace.AddUser(Responder, "alice", "Alice Example");
        string incidents = slack.Workspace.AddChannel("incidents");
        await using BotHost bot = ManualDelivery.Bot(ManualDelivery.SlackSettings(slack, incidents), clock);
        slack.Outage = SlackOutage.ServerErrors;
        for (int group = 0; group < 5; group++)
        {
            await bot.PostWebhookAsync(Payloads.Firing.Replace("\"groupKey\": \"", $"\"groupKey\": \"group-{group}:", StringComparison.Ordinal));
        }
        await bot.CreateClient().PostAsJsonAsync("/api/incidents/INC-2/ack", new { by = "alice" }, Ct);
        await bot.CreateClient().PostAsJsonAsync("/api/incidents/INC-2/resolve", new { by = "alice", note = "restarted" }, Ct);

        await ManualDelivery.DrainAsync(bot, clock);
        Assert.Empty(slack.Workspace.Messages(incidents));
        slack.Outage = SlackOutage.None;
        clock.Advance(TimeSpan.FromMinutes(10)); // past every backoff
        await ManualDelivery.DrainAsync(bot, clock);

        Assert.Equal(5, slack.Workspace.Messages(incidents).Count);
        Assert.Equal(5, slack.Workspace.Messages(incidents).Select(m => m.Text).Distinct().Count());
        for (int key = 1; key <= 5; key++)
        {
            Assert.Single(slack.Workspace.Messages(ManualDelivery.ChannelOf(slack, $"INC-{key}")), m => m.Blocks is not null); // one card each
        }
        List<string> lines = ManualDelivery.LinesIn(slack, ManualDelivery.ChannelOf(slack, "INC-2"));
        Assert.Equal(3, lines.Count);
        Assert.Contains("cknowledged", lines[0], StringComparison.Ordinal);
        Assert.Contains("esolved", lines[1], StringComparison.Ordinal);
        Assert.Contains("postmortem draft", lines[2], StringComparison.Ordinal); // posted with the draft file
        Assert.Contains("is ready. Mark it done with `/incident postmortem INC-2 done <link>`", lines[2], StringComparison.Ordinal); // issue 17, item 15
    }

    [Fact]
    public async Task A_wrong_responder_or_an_announcement_channel_without_the_bot_does_not_keep_the_incident_out_of_Slack()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        await using SlackStandIn slack = await SlackStandIn.StartAsync(clock, Ct);
        string closed = slack.Workspace.AddChannel("incidents", botIsMember: false);
        await using BotHost bot = ManualDelivery.Bot(ManualDelivery.SlackSettings(slack, closed), clock); // the responder is not a user here

        await bot.PostWebhookAsync(Payloads.Firing);
        await ManualDelivery.DrainAsync(bot, clock);

        string channel = ManualDelivery.ChannelOf(slack, "INC-1");
        Assert.NotNull(slack.Workspace.Channel(channel)?.Topic);
        Assert.Single(slack.Workspace.Messages(channel), m => m.Blocks is not null);
        Assert.Empty(slack.CallsTo("chat.update")); // the card went out as the incident is
        Assert.Empty(slack.Workspace.Messages(closed));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(s_patience);
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, "Slack was not told in time.");
            await Task.Delay(50, Ct);
        }
    }
}
