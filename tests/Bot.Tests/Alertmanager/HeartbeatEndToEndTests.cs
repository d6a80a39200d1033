using System.Net;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Heartbeats;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Alertmanager;

/// <summary>
/// The dead-man's switch on real time: a real Alertmanager sends the Watchdog alert every second, the bot takes 5 seconds
/// without one as a silent pipeline. Quartz fires the switch as it fires escalations (clustered on PostgreSQL).
/// </summary>
public sealed class HeartbeatEndToEndTests(PostgresServer postgres)
{
    private static readonly TimeSpan s_maxGap = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Watchdog = """
        [{"labels":{"alertname":"Watchdog","severity":"none"},"annotations":{"summary":"The alerting pipeline's heartbeat; always firing"}}]
        """;

    [Fact]
    public async Task A_delivery_of_the_heartbeat_alone_is_answered_heartbeat_and_opens_no_incident()
    {
        await using var bot = new BotHost(HeartbeatSettings());

        using HttpResponseMessage response = await bot.PostWebhookAsync(Payloads.OneAlert("{}:{alertname=\"Watchdog\"}", "Watchdog", "none"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"incident":null,"outcome":"heartbeat"}""", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
        Assert.NotNull(await LastBeatAsync(bot));
    }

    [Fact]
    public async Task Stopping_Alertmanager_opens_one_pipeline_silent_incident_and_starting_it_again_resolves_it() =>
        await RunPipelineSilenceAndReturnAsync(HeartbeatSettings(), replicaCount: 1);

    [Fact]
    public async Task On_PostgreSQL_two_replicas_both_hearing_the_heartbeat_open_one_incident_and_resolve_it()
    {
        postgres.RequireAvailable();
        Dictionary<string, string?> settings = HeartbeatSettings();
        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Incidents"] = await postgres.CreateDatabaseAsync(Ct);

        await RunPipelineSilenceAndReturnAsync(settings, replicaCount: 2);
    }

    /// <summary>
    /// Alertmanager delivers Watchdog to every replica for longer than the gap (no incident), is stopped (one incident, however
    /// long the silence), then started again (the incident resolves). Alertmanager starts first, retrying until the replicas
    /// listen, so that its first delivery is in before a replica's wait for a first heartbeat, which starts with it, runs out.
    /// </summary>
    private static async Task RunPipelineSilenceAndReturnAsync(Dictionary<string, string?> settings, int replicaCount)
    {
        int[] ports = [.. Enumerable.Range(0, replicaCount).Select(_ => FreePort.Next())];
        string receiver = AlertmanagerServer.WebhookReceiver([.. ports.Select(port => new Uri($"http://127.0.0.1:{port}/webhooks/alertmanager"))], null);
        List<BotHost> replicas = [];
        try
        {
            await using (AlertmanagerServer alertmanager = await AlertmanagerServer.StartWithReceiverAsync(receiver, TimeSpan.FromSeconds(1), Ct))
            {
                await alertmanager.PostAlertsAsync(Watchdog, Ct);
                replicas.AddRange(ports.Select(port => StartListening(settings, port)));
                await WaitUntilAsync(async () => await LastBeatAsync(replicas[^1]) is not null, "a first heartbeat", alertmanager);
                DateTimeOffset firstBeat = (await LastBeatAsync(replicas[^1]))!.Value;
                await WaitUntilAsync(async () => await LastBeatAsync(replicas[^1]) > firstBeat + s_maxGap, "heartbeats for longer than the gap", alertmanager);
                Assert.Equal(0, (await replicas[^1].ListIncidentsAsync()).Total);
            }
            BotHost reader = replicas[^1];

            await WaitUntilAsync(async () => (await reader.ListIncidentsAsync()).Total > 0, "the silence's incident", alertmanager: null);
            await Task.Delay(s_maxGap + TimeSpan.FromSeconds(1), Ct); // a second incident, if there were one, would be in by now
            IncidentSummaryView silent = Assert.Single((await reader.ListIncidentsAsync()).Items);
            Assert.Equal(("SEV1", "triggered", "Alerting pipeline silent"), (silent.Severity, silent.Status, silent.Title));

            await using (AlertmanagerServer restarted = await AlertmanagerServer.StartWithReceiverAsync(receiver, TimeSpan.FromSeconds(1), Ct))
            {
                await restarted.PostAlertsAsync(Watchdog, Ct);
                await WaitUntilAsync(async () => (await reader.GetIncidentAsync(silent.Key)).Incident.Status == "resolved", "the incident resolved", restarted);
            }
            IncidentDetailsView resolved = await reader.GetIncidentAsync(silent.Key);
            Assert.Equal("Resolved: the Watchdog heartbeat arrived again: alerts reach the bot", resolved.Timeline.Last(e => e.Kind == "Resolved").Text);
            Assert.Equal(1, (await reader.ListIncidentsAsync()).Total);
        }
        finally
        {
            foreach (BotHost replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }

    private static Dictionary<string, string?> HeartbeatSettings() => new()
    {
        ["Alertmanager:Heartbeat:MaxGap"] = s_maxGap.ToString(),
    };

    private static BotHost StartListening(Dictionary<string, string?> settings, int port)
    {
        var bot = new BotHost(settings);
        bot.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        bot.StartServer();
        return bot;
    }

    private static async Task<DateTimeOffset?> LastBeatAsync(BotHost bot)
    {
        await using AsyncServiceScope scope = bot.Services.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        Heartbeat? heartbeat = await db.Heartbeats.AsNoTracking().SingleOrDefaultAsync(Ct);
        return heartbeat?.LastBeatAt;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, AlertmanagerServer? alertmanager)
    {
        using var deadline = new CancellationTokenSource(s_patience);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"No {what} within {s_patience.TotalSeconds} s. Alertmanager's log:\n{alertmanager?.Log ?? "(stopped)"}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
        }
    }
}
