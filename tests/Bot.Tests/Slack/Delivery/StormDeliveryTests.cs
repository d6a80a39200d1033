using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>
/// An alert storm in Slack, with the default Storms settings (more than 10 incidents within 2 minutes; SEV3 and SEV4 of a
/// storm get no channel): one SEV1 and ten SEV3 incidents make storm INC-12.
/// </summary>
public sealed class StormDeliveryTests : IAsyncLifetime
{
    private const string Storm = "INC-12";

    private readonly SteppingClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
    private SlackStandIn _slack = null!;
    private BotHost _bot = null!;
    private string _incidents = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackStandIn.StartAsync(_clock, Ct);
        _incidents = _slack.Workspace.AddChannel("incidents");
        _bot = ManualDelivery.Bot(ManualDelivery.SlackSettings(_slack, _incidents), _clock);
        await _bot.PostWebhookAsync(Payloads.OneAlert("checkout", "CheckoutDown", "critical"));
        for (int i = 2; i <= 11; i++)
        {
            await _bot.PostWebhookAsync(Payloads.OneAlert($"disk-{i}", "DiskFilling", "warning"));
        }
        await ManualDelivery.DrainAsync(_bot, _clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task The_storm_has_its_channel_and_card_its_SEV1_a_channel_linked_from_the_card_and_its_SEV3s_threads_in_the_storm_channel()
    {
        List<string> created = [.. _slack.CallsTo("conversations.create").Select(c => c.Json!["name"]!.GetValue<string>())];
        Assert.Equal(2, created.Count);
        Assert.StartsWith("inc-1-", created[0], StringComparison.Ordinal);
        Assert.StartsWith("inc-12-", created[1], StringComparison.Ordinal);
        string stormChannel = ManualDelivery.ChannelOf(_slack, Storm);
        string sev1Channel = ManualDelivery.ChannelOf(_slack, "INC-1");
        string card = StormCardText(stormChannel);
        Assert.Contains("*11 incidents attached*: SEV1 1 · SEV3 10", card, StringComparison.Ordinal);
        Assert.Contains("*By alertname*: DiskFilling 10 · CheckoutDown 1", card, StringComparison.Ordinal);
        Assert.Contains($"🔴 *SEV1* INC-1 · CheckoutDown fired — <#{sev1Channel}>", card, StringComparison.Ordinal);

        for (int i = 2; i <= 11; i++)
        {
            Assert.Equal(stormChannel, ManualDelivery.ChannelOf(_slack, $"INC-{i}"));
            StandInMessage threadCard = CardOf(stormChannel, $"INC-{i}");
            Assert.Contains(IncidentCardActions.OwnChannel, threadCard.Blocks!.ToJsonString(), StringComparison.Ordinal);
            StandInMessage line = Assert.Single(_slack.Workspace.Messages(stormChannel), m => m.ThreadTs == threadCard.Ts);
            Assert.Equal($"🌪️ Attached to the alert storm {Storm}", line.Text);
        }
        // The incidents channel hears of the SEV1 and of the storm, once each; the SEV3s are the storm's.
        List<StandInMessage> announcements = [.. _slack.Workspace.Messages(_incidents).Where(m => m.ThreadTs is null)];
        Assert.Equal(2, announcements.Count);
        Assert.Single(announcements, m => m.Text!.Contains($"{Storm} · Alert storm: 11 incidents opened within 2 min — <#{stormChannel}>", StringComparison.Ordinal));

        await _bot.PostWebhookAsync(Payloads.OneAlert("disk-13", "DiskFilling", "info"));
        await ManualDelivery.DrainAsync(_bot, _clock);

        Assert.Equal(2, _slack.CallsTo("conversations.create").Count);
        StandInMessage stormCard = CardOf(stormChannel, Storm);
        RecordedCall edit = Assert.Single(_slack.CallsTo("chat.update"), c => c.Json!["ts"]!.GetValue<string>() == stormCard.Ts);
        Assert.Contains("*12 incidents attached*: SEV1 1 · SEV3 10 · SEV4 1", Texts(edit.Json!["blocks"]!.AsArray()), StringComparison.Ordinal);
        Assert.Equal(stormChannel, ManualDelivery.ChannelOf(_slack, "INC-13"));
    }

    [Fact]
    public async Task Giving_a_thread_its_own_channel_creates_it_moves_its_news_there_and_records_who_did()
    {
        string stormChannel = ManualDelivery.ChannelOf(_slack, Storm);
        StandInMessage threadCard = CardOf(stormChannel, "INC-3");

        string body = SignedSlackRequest.Form(("payload",
            InteractionPayloads.ButtonPress(IncidentCardActions.OwnChannel, "INC-3", ManualDelivery.Responder, stormChannel).ToJsonString()));
        using HttpRequestMessage press = SignedSlackRequest.Create("/slack/interactions", body, _clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await _bot.CreateClient().SendAsync(press, Ct)).StatusCode);
        await ManualDelivery.DrainAsync(_bot, _clock);

        RecordedCall created = _slack.CallsTo("conversations.create")[^1];
        Assert.StartsWith("inc-3-", created.Json!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        string own = _slack.CallsTo("chat.postMessage").Select(c => c.Json!["channel"]!.GetValue<string>()).Distinct()
            .Single(c => c != stormChannel && c != _incidents && c != ManualDelivery.ChannelOf(_slack, "INC-1"));
        Assert.NotNull(_slack.Workspace.Messages(own).SingleOrDefault(m => m.Blocks?[0]?["text"]?["text"]?.GetValue<string>().StartsWith("INC-3 ", StringComparison.Ordinal) == true));
        Assert.Contains(_slack.Workspace.Messages(own), m => m.Text == $"📣 <@{ManualDelivery.Responder}> gave the incident a channel of its own");
        StandInMessage announcement = Assert.Single(_slack.Workspace.Messages(stormChannel), m => m.Ts == threadCard.Ts);
        Assert.Contains($"INC-3 · DiskFilling fired — <#{own}>", announcement.Text, StringComparison.Ordinal);

        JsonNode? details = JsonNode.Parse(await _bot.CreateClient().GetStringAsync("/api/incidents/INC-3", Ct));
        Assert.Equal(Storm, details!["incident"]!["storm"]!.GetValue<string>());
        JsonNode given = details["timeline"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "OwnChannelGiven")!;
        Assert.Equal("SlackUser", given["actorKind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Acknowledge_all_on_the_storm_card_confirms_how_many_then_acknowledges_each_incident_as_the_person_who_pressed_it()
    {
        string stormChannel = ManualDelivery.ChannelOf(_slack, Storm);
        JsonNode button = CardOf(stormChannel, Storm).Blocks!.SelectMany(b => b?["elements"]?.AsArray() ?? [])
            .Single(e => e?["action_id"]?.GetValue<string>() == IncidentCardActions.AcknowledgeStorm)!;
        Assert.Equal("Acknowledge 11 incidents?", button["confirm"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal($"Acknowledges the 11 incidents of storm {Storm} not acknowledged yet, and {Storm} itself, as you.", button["confirm"]!["text"]!["text"]!.GetValue<string>());
        (await _bot.CreateClient().PostAsJsonAsync("/api/incidents/INC-4/ack", new { by = "bob" }, Ct)).EnsureSuccessStatusCode();

        string body = SignedSlackRequest.Form(("payload",
            InteractionPayloads.ButtonPress(IncidentCardActions.AcknowledgeStorm, Storm, ManualDelivery.Responder, stormChannel).ToJsonString()));
        using HttpRequestMessage press = SignedSlackRequest.Create("/slack/interactions", body, _clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await _bot.CreateClient().SendAsync(press, Ct)).StatusCode);
        await _clock.RunAsync(_bot.Services.GetRequiredService<SlackBackgroundWork>().WhenIdleAsync(Ct)); // telling the person waits for Slack on the clock

        for (int i = 1; i <= 12; i++)
        {
            JsonNode details = JsonNode.Parse(await _clock.RunAsync(_bot.CreateClient().GetStringAsync($"/api/incidents/INC-{i}", Ct)))!; // names are looked up in Slack, on the clock
            Assert.Equal("acknowledged", details["incident"]!["status"]!.GetValue<string>());
            JsonNode acknowledged = Assert.Single(details["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "Acknowledged")!;
            Assert.Equal(i == 4 ? "Api" : "SlackUser", acknowledged["actorKind"]!.GetValue<string>()); // INC-4 was bob's already
        }
    }

    private StandInMessage CardOf(string channel, string key) =>
        _slack.Workspace.Messages(channel).Single(m => m.ThreadTs is null && m.Blocks?[0]?["text"]?["text"]?.GetValue<string>().StartsWith(key + " ", StringComparison.Ordinal) == true);

    private string StormCardText(string stormChannel) => Texts(CardOf(stormChannel, Storm).Blocks!);

    /// <summary>The blocks' texts, one a line.</summary>
    private static string Texts(JsonArray blocks) => string.Join('\n', blocks.Select(b => b?["text"]?["text"]?.GetValue<string>()).OfType<string>());
}
