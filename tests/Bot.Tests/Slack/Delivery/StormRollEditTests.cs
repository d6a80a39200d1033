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
/// The storm channel's roll follows its incidents: one given a channel of its own (by its button, or by a severity raised to
/// SEV2) links its channel and loses its button, one resolved loses its button, the roll's message edited in place. Storm
/// INC-12 of one SEV1 and ten SEV3s, as in <see cref="StormDeliveryTests"/>, with Slack:AlertLinesDelay at its default 15 s:
/// the storm is looked at again 15 s after the first change of its incidents, so the changes within those seconds make one
/// edit. On SQLite and on PostgreSQL (StormRollEditOnSqliteTests, StormRollEditOnPostgresTests).
/// </summary>
public abstract class StormRollEditTests(DatabaseProvider provider, PostgresServer? postgres) : IAsyncLifetime
{
    private const string Storm = "INC-12";
    private const string Roll = "🌪️ *11 incidents joined the storm*";

    private static readonly TimeSpan s_lookAgain = TimeSpan.FromSeconds(15);

    private readonly SteppingClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
    private readonly string _folder = Directory.CreateTempSubdirectory("storm-roll-").FullName;
    private Dictionary<string, string?> _settings = [];
    private SlackStandIn _slack = null!;
    private BotHost _bot = null!;
    private string _stormChannel = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackStandIn.StartAsync(_clock, Ct);
        Dictionary<string, string?> settings = ManualDelivery.SlackSettings(_slack, _slack.Workspace.AddChannel("incidents"));
        settings.Remove("Slack:AlertLinesDelay");
        settings["Database:SqlitePath"] = Path.Combine(_folder, "incidents.db");
        _settings = await FaultDatabase.SettingsAsync(provider, postgres!, Ct, settings);
        _bot = ManualDelivery.Bot(_settings, _clock);
        await _bot.PostWebhookAsync(Payloads.OneAlert("checkout", "CheckoutDown", "critical"));
        for (int i = 2; i <= 11; i++)
        {
            await _bot.PostWebhookAsync(Payloads.OneAlert($"disk-{i}", "DiskFilling", "warning"));
        }
        await SettleAsync();
        _stormChannel = ManualDelivery.ChannelOf(_slack, Storm);
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Giving_an_incident_of_the_roll_its_own_channel_edits_the_roll_once_its_line_linking_the_channel_without_a_button()
    {
        string rollTs = RollMessage().Ts;

        await PressOwnChannelAsync("INC-3");
        await SettleAsync();

        RecordedCall edit = Assert.Single(RollEdits(rollTs));
        Assert.Equal(_stormChannel, edit.Json!["channel"]!.GetValue<string>());
        JsonArray blocks = edit.Json["blocks"]!.AsArray();
        Assert.Equal(12, blocks.Count);
        Assert.Equal(Roll, blocks[0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal($"🟡 *SEV3* INC-3 · DiskFilling fired — <#{ManualDelivery.ChannelOf(_slack, "INC-3")}>", blocks[3]!["text"]!["text"]!.GetValue<string>());
        Assert.Null(blocks[3]!["accessory"]);
        foreach (int other in new[] { 2, 4, 5, 6, 7, 8, 9, 10, 11 })
        {
            Assert.Equal($"🟡 *SEV3* INC-{other} · DiskFilling fired", blocks[other]!["text"]!["text"]!.GetValue<string>());
            Assert.Equal($"INC-{other}", blocks[other]!["accessory"]!["value"]!.GetValue<string>());
        }
        Assert.Equal(blocks.ToJsonString(), RollMessage().Blocks!.ToJsonString()); // as the channel shows it now
    }

    [Fact]
    public async Task Incidents_of_the_roll_given_channels_raised_and_resolved_within_seconds_make_one_edit_of_the_roll()
    {
        string rollTs = RollMessage().Ts;

        await PressOwnChannelAsync("INC-3");
        await ManualDelivery.DrainAsync(_bot, _clock);
        _clock.Advance(TimeSpan.FromSeconds(3));
        await PressOwnChannelAsync("INC-4");
        await SlashCommandAsync("severity INC-5 sev2");
        (await _bot.CreateClient().PostAsJsonAsync("/api/incidents/INC-6/resolve", new { by = "alice" }, Ct)).EnsureSuccessStatusCode();
        await ManualDelivery.DrainAsync(_bot, _clock);
        Assert.Empty(RollEdits(rollTs)); // the storm is looked at again 15 s after INC-3 got its channel
        await SettleAsync();

        JsonArray blocks = Assert.Single(RollEdits(rollTs)).Json!["blocks"]!.AsArray();
        Assert.Equal($"🟡 *SEV3* INC-3 · DiskFilling fired — <#{ManualDelivery.ChannelOf(_slack, "INC-3")}>", Line(blocks, 3));
        Assert.Equal($"🟡 *SEV3* INC-4 · DiskFilling fired — <#{ManualDelivery.ChannelOf(_slack, "INC-4")}>", Line(blocks, 4));
        Assert.Equal($"🟠 *SEV2* INC-5 · DiskFilling fired — <#{ManualDelivery.ChannelOf(_slack, "INC-5")}>", Line(blocks, 5));
        Assert.Equal("🟡 *SEV3* INC-6 · DiskFilling fired", Line(blocks, 6));
        Assert.All(new[] { 3, 4, 5, 6 }, i => Assert.Null(blocks[i]!["accessory"]));
        Assert.All(new[] { 2, 7, 8, 9, 10, 11 }, i => Assert.Equal($"INC-{i}", blocks[i]!["accessory"]!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_roll_edit_due_when_the_bot_restarts_is_made_once_by_the_restarted_bot()
    {
        string rollTs = RollMessage().Ts;
        await PressOwnChannelAsync("INC-3");
        await ManualDelivery.DrainAsync(_bot, _clock);
        Assert.Empty(RollEdits(rollTs));

        await _bot.DisposeAsync();
        _bot = ManualDelivery.Bot(_settings, _clock);
        await SettleAsync();

        RecordedCall edit = Assert.Single(RollEdits(rollTs));
        Assert.Equal($"🟡 *SEV3* INC-3 · DiskFilling fired — <#{ManualDelivery.ChannelOf(_slack, "INC-3")}>", Line(edit.Json!["blocks"]!.AsArray(), 3));
    }

    /// <summary>Delivers what is due, then what waited for more news (Slack:AlertLinesDelay), until nothing more is told.</summary>
    private async Task SettleAsync()
    {
        do
        {
            _clock.Advance(s_lookAgain);
        }
        while (await ManualDelivery.DrainAsync(_bot, _clock) > 0);
    }

    private async Task PressOwnChannelAsync(string key)
    {
        string body = SignedSlackRequest.Form(("payload",
            InteractionPayloads.ButtonPress(IncidentCardActions.OwnChannel, key, ManualDelivery.Responder, _stormChannel).ToJsonString()));
        using HttpRequestMessage press = SignedSlackRequest.Create("/slack/interactions", body, _clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await _bot.CreateClient().SendAsync(press, Ct)).StatusCode);
    }

    private async Task SlashCommandAsync(string text)
    {
        string body = SignedSlackRequest.Form(("command", "/incident"), ("text", text), ("user_id", ManualDelivery.Responder),
            ("user_name", "alice"), ("channel_id", _stormChannel), ("team_id", "T0INCBOT1"), ("trigger_id", "1.2.3"));
        using HttpRequestMessage command = SignedSlackRequest.Create("/slack/commands", body, _clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await _clock.RunAsync(_bot.CreateClient().SendAsync(command, Ct))).StatusCode);
        await _clock.RunAsync(_bot.Services.GetRequiredService<SlackBackgroundWork>().WhenIdleAsync(Ct)); // the change is made after the answer
    }

    private StandInMessage RollMessage() =>
        _slack.Workspace.Messages(_stormChannel).Single(m => m.Blocks?[0]?["text"]?["text"]?.GetValue<string>() == Roll);

    private List<RecordedCall> RollEdits(string rollTs) => [.. _slack.CallsTo("chat.update").Where(c => c.Json!["ts"]!.GetValue<string>() == rollTs)];

    private static string Line(JsonArray blocks, int index) => blocks[index]!["text"]!["text"]!.GetValue<string>();
}
