using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatOpsIncidents.TestSupport;
using Npgsql;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Storm: 10 000 alerts in 60 s across 500 groups into the bot on PostgreSQL with Slack on (the stand-in). Each group is
/// delivered twice, as Alertmanager would: its first 10 alerts, then 30 s later its snapshot of all 20. Checked: every
/// incident and alert stored, Slack's per-method budgets kept, the outbox drained (waited for up to the drain limit; at
/// Slack's 20 channel creations a minute, 500 new channels take about 25 minutes), and the bot's peak RSS (target 200 MB).
/// </summary>
internal sealed class StormBenchmark(TimeSpan drainLimit)
{
    private const int Groups = 500;
    private const int AlertsPerGroup = 20;
    private static readonly TimeSpan s_stormLength = TimeSpan.FromSeconds(60);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        string connection = await postgres.CreateDatabaseAsync(cancellationToken);
        await using SlackSide slack = await SlackSide.StartAsync(cancellationToken);
        await using ChildProcess bot = await Servers.StartBotAsync(connection, slack.BotSettings(), cancellationToken);
        double idleRss = bot.RssMiB();

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 16 }) { BaseAddress = bot.BaseAddress };
        var uri = new Uri("webhooks/alertmanager", UriKind.Relative);
        int deliveries = Groups * 2;
        TimeSpan interval = s_stormLength / deliveries;
        var inFlight = new List<Task<bool>>(deliveries);
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < deliveries; i++)
        {
            int group = i % Groups;
            int alerts = i < Groups ? AlertsPerGroup / 2 : AlertsPerGroup;
            inFlight.Add(PostAsync(http, uri, Payloads.Webhook("storm", group, 0, alerts), cancellationToken));
            TimeSpan due = interval * (i + 1);
            if (due > Stopwatch.GetElapsedTime(started))
            {
                await Task.Delay(due - Stopwatch.GetElapsedTime(started), cancellationToken);
            }
        }
        bool[] answers = await Task.WhenAll(inFlight);
        TimeSpan stormTook = Stopwatch.GetElapsedTime(started);
        double stormRss = bot.PeakRssMiB();

        await using var db = NpgsqlDataSource.Create(connection);
        long incidents = await ScalarAsync(db, """SELECT count(*) FROM "Incidents" """, cancellationToken);
        long alertsStored = await ScalarAsync(db, """SELECT count(*) FROM "Alerts" """, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storm: {deliveries} webhooks ({answers.Count(ok => !ok)} failed) in {stormTook.TotalSeconds:0.0} s; {incidents} of {Groups} incidents, {alertsStored} of {Groups * AlertsPerGroup} alerts stored"));

        long undelivered = await UndeliveredAsync(db, cancellationToken);
        var draining = Stopwatch.StartNew();
        while (undelivered > 0 && draining.Elapsed < drainLimit)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            undelivered = await UndeliveredAsync(db, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  after {draining.Elapsed.TotalMinutes:0.0} min: {undelivered} incidents with undelivered entries, bot RSS {bot.RssMiB():0} MiB"));
        }
        Console.WriteLine(undelivered == 0
            ? $"outbox drained {draining.Elapsed.TotalMinutes:0.0} min after the storm"
            : $"outbox NOT drained within {drainLimit.TotalMinutes:0} min: {undelivered} incidents still have undelivered entries");
        foreach (string rate in slack.RateReport())
        {
            Console.WriteLine(rate);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bot RSS: {idleRss:0} MiB idle, peak {stormRss:0} MiB during the storm, peak {bot.PeakRssMiB():0} MiB overall (target under 200 MB)"));
    }

    /// <summary>Posts a webhook; false when it was not answered 2xx.</summary>
    public static async Task<bool> PostAsync(HttpClient http, Uri uri, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        try
        {
            using HttpResponseMessage response = await http.PostAsync(uri, content, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static Task<long> UndeliveredAsync(NpgsqlDataSource db, CancellationToken cancellationToken) => ScalarAsync(db, """
        SELECT count(*) FROM "IncidentDeliveries" d
        WHERE EXISTS (SELECT 1 FROM "TimelineEntries" e WHERE e."IncidentId" = d."IncidentId" AND e."Id" > d."DeliveredThroughEntryId")
        """, cancellationToken);

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
