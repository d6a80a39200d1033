using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Faults;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>
/// An alert storm in Slack, with the default Storms settings (more than 10 incidents within 2 minutes; SEV3 and SEV4 of a
/// storm get no channel): one SEV1 and ten SEV3 incidents make storm INC-12. The SEV3s are on the storm channel's roll, not
/// a card each, until one has news worth a thread. On SQLite and on PostgreSQL (StormDeliveryOnSqliteTests, StormDeliveryOnPostgresTests).
/// </summary>
public abstract class StormDeliveryTests(DatabaseProvider provider, PostgresServer? postgres) : IAsyncLifetime
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
        Dictionary<string, string?> settings = ManualDelivery.SlackSettings(_slack, _incidents);
        if (provider == DatabaseProvider.Postgres)
        {
            settings = await FaultDatabase.SettingsAsync(provider, postgres!, Ct, settings);
        }
        _bot = ManualDelivery.Bot(settings, _clock);
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
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_storm_has_its_channel_and_card_its_SEV1_a_channel_linked_from_the_card_and_its_SEV3s_one_roll_in_the_storm_channel()
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

        // The storm channel: its card and one roll of the eleven, a button on each SEV3 to give it a channel; no card or thread each.
        Assert.Equal(2, _slack.Workspace.Messages(stormChannel).Count);
        StandInMessage roll = RollOf(stormChannel, "11 incidents joined the storm");
        Assert.Equal($"🔴 *SEV1* INC-1 · CheckoutDown fired — <#{sev1Channel}>", roll.Blocks![1]!["text"]!["text"]!.GetValue<string>());
        Assert.Null(roll.Blocks[1]!["accessory"]);
        for (int i = 2; i <= 11; i++)
        {
            JsonNode line = roll.Blocks[i]!;
            Assert.Equal($"🟡 *SEV3* INC-{i} · DiskFilling fired", line["text"]!["text"]!.GetValue<string>());
            Assert.Equal(IncidentCardActions.OwnChannel, line["accessory"]!["action_id"]!.GetValue<string>());
            Assert.Equal($"INC-{i}", line["accessory"]!["value"]!.GetValue<string>());
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
        Assert.Equal("🔵 *SEV4* INC-13 · DiskFilling fired", RollOf(stormChannel, "1 incident joined the storm").Blocks![1]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal(3, _slack.Workspace.Messages(stormChannel).Count); // the card, the two rolls
    }

    [Fact]
    public async Task An_incident_of_the_roll_gets_its_card_and_thread_in_the_storm_channel_with_its_first_news_worth_a_thread()
    {
        string stormChannel = ManualDelivery.ChannelOf(_slack, Storm);

        string body = SignedSlackRequest.Form(("command", "/incident"), ("text", "note INC-5 disk cleaned up on db-5"), ("user_id", ManualDelivery.Responder),
            ("user_name", "alice"), ("channel_id", stormChannel), ("team_id", "T0INCBOT1"), ("trigger_id", "1.2.3"));
        using HttpRequestMessage note = SignedSlackRequest.Create("/slack/commands", body, _clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await _clock.RunAsync(_bot.CreateClient().SendAsync(note, Ct))).StatusCode);
        await _clock.RunAsync(_bot.Services.GetRequiredService<SlackBackgroundWork>().WhenIdleAsync(Ct)); // the note is added after the answer
        await ManualDelivery.DrainAsync(_bot, _clock);

        StandInMessage card = CardOf(stormChannel, "INC-5");
        Assert.Contains(IncidentCardActions.OwnChannel, card.Blocks!.ToJsonString(), StringComparison.Ordinal);
        StandInMessage line = Assert.Single(_slack.Workspace.Messages(stormChannel), m => m.ThreadTs == card.Ts);
        Assert.Contains("disk cleaned up on db-5", line.Text, StringComparison.Ordinal);
        Assert.Equal(3, _slack.Workspace.Messages(stormChannel).Count(m => m.ThreadTs is null)); // the storm's card, the roll, INC-5's card
    }

    [Fact]
    public async Task Giving_an_incident_of_the_roll_its_own_channel_creates_it_links_it_from_the_storm_card_and_records_who_did()
    {
        string stormChannel = ManualDelivery.ChannelOf(_slack, Storm);

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
        Assert.Single(_slack.Workspace.Messages(_incidents), m => m.Text!.Contains($"INC-3 · DiskFilling fired — <#{own}>", StringComparison.Ordinal));
        RecordedCall cardEdit = _slack.CallsTo("chat.update").Last(c => c.Json!["ts"]!.GetValue<string>() == CardOf(stormChannel, Storm).Ts);
        Assert.Contains($"🟡 *SEV3* INC-3 · DiskFilling fired — <#{own}>", Texts(cardEdit.Json!["blocks"]!.AsArray()), StringComparison.Ordinal);

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

    private StandInMessage RollOf(string channel, string heading) =>
        _slack.Workspace.Messages(channel).Single(m => m.Blocks?[0]?["text"]?["text"]?.GetValue<string>() == $"🌪️ *{heading}*");

    private string StormCardText(string stormChannel) => Texts(CardOf(stormChannel, Storm).Blocks!);

    /// <summary>The blocks' texts, one a line.</summary>
    private static string Texts(JsonArray blocks) => string.Join('\n', blocks.Select(b => b?["text"]?["text"]?.GetValue<string>()).OfType<string>());
}
