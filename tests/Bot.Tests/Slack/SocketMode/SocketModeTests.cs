using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.SocketMode;
using ChatOpsIncidents.Bot.Tests.Faults;
using ChatOpsIncidents.Bot.Tests.Metrics;
using ChatOpsIncidents.Bot.Tests.Slack.Commands;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Slack.SocketMode;

/// <summary>
/// The bot with only a bot token and an app-level token (no signing secret, no public URL) against the Socket Mode stand-in:
/// the same commands and buttons as over HTTP, answered in the envelope's ack, through Slack's disconnects and dropped sockets.
/// </summary>
public sealed class SocketModeTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(IncidentCommandTests.Changes), MemberType = typeof(IncidentCommandTests))]
    public async Task A_command_over_Socket_Mode_changes_the_incident_as_over_HTTP_and_its_answer_travels_in_the_ack(
        string text, string expectedReply, IncidentStatus status, Severity severity, string? assignee, string? commander, TimelineEntryKind kind, string entryText)
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: true);
        Assert.Equal(new IncidentKey(1), await bot.DeclareAsync());

        SocketAck ack = await bot.CommandOverSocketAsync(text);

        Assert.Equal(("ephemeral", expectedReply), (ack.Payload?["response_type"]?.GetValue<string>(), ack.Payload?["text"]?.GetValue<string>()));
        Incident incident = await bot.IncidentAsync(new IncidentKey(1));
        Assert.Equal((status, severity, assignee, commander), (incident.Status, incident.Severity, incident.Assignee, incident.Commander));
        TimelineEntry entry = Assert.Single(incident.Timeline, e => e.Kind == kind);
        Assert.Equal((entryText, Actor.SlackUser(SlackBot.UserId, SlackBot.UserName)), (entry.Text, entry.Actor));
    }

    [Theory]
    [InlineData(IncidentCardActions.Acknowledge, IncidentStatus.Acknowledged, TimelineEntryKind.Acknowledged)]
    [InlineData(IncidentCardActions.AssignToMe, IncidentStatus.Triggered, TimelineEntryKind.Assigned)]
    public async Task A_button_press_over_Socket_Mode_acts_as_the_person_who_pressed_it_and_is_acknowledged_empty(
        string action, IncidentStatus expected, TimelineEntryKind kind)
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: true);
        IncidentKey key = await bot.DeclareAsync();

        SocketAck ack = await bot.InteractOverSocketAsync(InteractionPayloads.ButtonPress(action, key.ToString()));
        await bot.WhenIdleAsync();

        Assert.Null(ack.Payload);
        Incident incident = await bot.IncidentAsync(key);
        Assert.Equal(expected, incident.Status);
        Assert.Equal(Actor.SlackUser(SlackBot.UserId, SlackBot.UserName), Assert.Single(incident.Timeline, entry => entry.Kind == kind).Actor);
    }

    [Fact]
    public async Task A_declare_form_with_mistakes_stays_open_with_the_errors_in_the_ack()
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: true);

        SocketAck ack = await bot.InteractOverSocketAsync(InteractionPayloads.DeclareSubmission("Checkout down", severity: null));

        Assert.Equal("""{"response_action":"errors","errors":{"severity":"Choose a severity from SEV1 to SEV4."}}""", ack.Payload?.ToJsonString());
        Assert.Equal(0, await bot.IncidentCountAsync());
    }

    [Fact]
    public async Task A_redelivered_envelope_is_acknowledged_without_acting_twice()
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: true);
        IncidentKey key = await bot.DeclareAsync();
        var note = new JsonObject { ["command"] = "/incident", ["text"] = $"note {key} rolled back", ["user_id"] = SlackBot.UserId };

        SocketAck first = await bot.Slack.SocketMode.SendAsync("slash_commands", note.DeepClone().AsObject(), envelopeId: "env-redelivered-1", cancellationToken: Ct);
        SocketAck again = await bot.Slack.SocketMode.SendAsync("slash_commands", note.DeepClone().AsObject(), envelopeId: "env-redelivered-1", retryAttempt: 1, cancellationToken: Ct);

        Assert.NotNull(first.Payload);
        Assert.Null(again.Payload);
        Assert.Single((await bot.IncidentAsync(key)).Timeline, entry => entry.Kind == TimelineEntryKind.Note);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_envelope_redelivered_to_another_replica_acts_once(DatabaseProvider provider)
    {
        string folder = Directory.CreateTempSubdirectory("bot-replicas-").FullName;
        try
        {
            Dictionary<string, string?> database = await FaultDatabase.SettingsAsync(
                provider, postgres, Ct, new() { ["Database:SqlitePath"] = Path.Combine(folder, "incidents.db") });
            await using SlackBot first = await SlackBot.StartAsync(database, overSocket: true);
            await using SlackBot second = await SlackBot.StartAsync(database, overSocket: true);
            IncidentKey key = await first.DeclareAsync();
            var note = new JsonObject { ["command"] = "/incident", ["text"] = $"note {key} rolled back", ["user_id"] = SlackBot.UserId };

            SocketAck toFirst = await first.Slack.SocketMode.SendAsync("slash_commands", note.DeepClone().AsObject(), envelopeId: "env-replicas-1", cancellationToken: Ct);
            SocketAck toSecond = await second.Slack.SocketMode.SendAsync(
                "slash_commands", note.DeepClone().AsObject(), envelopeId: "env-replicas-1", retryAttempt: 1, cancellationToken: Ct);
            await first.WhenIdleAsync();
            await second.WhenIdleAsync();

            Assert.NotNull(toFirst.Payload);
            Assert.Null(toSecond.Payload);
            Assert.Single((await first.IncidentAsync(key)).Timeline, entry => entry.Kind == TimelineEntryKind.Note);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task On_refresh_requested_the_new_connection_opens_before_the_old_one_closes_and_commands_keep_working()
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: true);
        IncidentKey key = await bot.DeclareAsync();
        StandInSocket old = bot.Slack.SocketMode.Sockets[0];

        await old.DisconnectAsync("refresh_requested", Ct);
        StandInSocket replacement = await bot.Slack.SocketMode.ConnectedAsync(2, cancellationToken: Ct);
        await old.Closed.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        SocketAck ack = await bot.CommandOverSocketAsync($"ack {key}");

        Assert.Equal(1, replacement.OthersOpenWhenAccepted);
        Assert.Equal(IncidentStatus.Acknowledged, (await bot.IncidentAsync(key)).Status);
        Assert.Equal(ack.EnvelopeId, bot.Slack.SocketMode.Acks[^1].EnvelopeId);
    }

    [Fact]
    public async Task A_dropped_socket_is_replaced_after_a_short_backoff()
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: true);
        IncidentKey key = await bot.DeclareAsync();

        bot.Slack.SocketMode.Sockets[0].Drop();
        await bot.Slack.SocketMode.ConnectedAsync(2, whileWaiting: () => bot.Time.Advance(TimeSpan.FromSeconds(1)), Ct);
        await bot.CommandOverSocketAsync($"ack {key}");

        Assert.Equal(IncidentStatus.Acknowledged, (await bot.IncidentAsync(key)).Status);
    }

    [Fact]
    public async Task A_silent_socket_that_answers_no_ping_is_replaced()
    {
        var quick = new SocketModeTimings { PingInterval = TimeSpan.FromMilliseconds(100), PongTimeout = TimeSpan.FromMilliseconds(300) };
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: true, silentSockets: 1, services: services => services.AddSingleton(quick));
        IncidentKey key = await bot.DeclareAsync();

        await bot.Slack.SocketMode.ConnectedAsync(2, whileWaiting: () => bot.Time.Advance(TimeSpan.FromSeconds(1)), Ct);
        await bot.CommandOverSocketAsync($"ack {key}");

        Assert.Equal(IncidentStatus.Acknowledged, (await bot.IncidentAsync(key)).Status);
    }

    [Fact]
    public async Task The_scrape_shows_the_connection_its_reconnects_the_envelopes_and_their_ack_latency()
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: true);
        await bot.CommandOverSocketAsync("help");
        bot.Slack.SocketMode.Sockets[0].Drop();
        await bot.Slack.SocketMode.ConnectedAsync(2, whileWaiting: () => bot.Time.Advance(TimeSpan.FromSeconds(1)), Ct);

        string scrape = await bot.Host.CreateClient().GetStringAsync("/metrics", Ct);

        Assert.Equal(1, Scrape.Value(scrape, "chatops_slack_socket_mode_connected"));
        Assert.Equal(1, Scrape.Value(scrape, "chatops_slack_socket_mode_reconnects_total{reason=\"dropped\"}"));
        Assert.Equal(1, Scrape.Value(scrape, "chatops_slack_socket_mode_envelopes_total{type=\"slash_commands\"}"));
        Assert.Equal(1, Scrape.Value(scrape, "chatops_slack_socket_mode_ack_duration_seconds_count{type=\"slash_commands\"}"));
    }

    [Fact]
    public async Task With_only_an_app_token_the_HTTP_endpoints_stay_closed()
    {
        await using SlackBot bot = await SlackBot.StartAsync(overSocket: true);

        HttpResponseMessage response = await bot.CommandAsync("help");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Backoff_doubles_up_to_the_longest_wait_and_takes_off_at_most_half_at_random()
    {
        var timings = new SocketModeTimings { FirstBackoff = TimeSpan.FromSeconds(1), LongestBackoff = TimeSpan.FromSeconds(30) };
        var random = new Random(20);

        TimeSpan[] waits = [.. Enumerable.Range(1, 8).Select(failures => timings.Backoff(failures, random))];

        double[] full = [1, 2, 4, 8, 16, 30, 30, 30];
        Assert.All(waits.Zip(full), pair => Assert.InRange(pair.First.TotalSeconds, pair.Second / 2, pair.Second));
        Assert.NotEqual(waits[6], waits[7]);
    }
}
