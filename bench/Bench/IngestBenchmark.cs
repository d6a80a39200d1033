using System.Globalization;
using System.Text;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Webhook ingest: alerts/s and latency of the bot's <c>POST /webhooks/alertmanager</c> on SQLite and on PostgreSQL, against
/// Alertmanager's own <c>POST /api/v2/alerts</c>, with batches of 1 and 10 alerts, new and repeated. "New" means a new group
/// per request (the bot opens an incident for each); "repeated" re-sends the same 100 groups unchanged, as Alertmanager does
/// every group_interval. Then what a <c>/metrics</c> scrape costs each bot, with the incidents of the runs in its database.
/// </summary>
internal sealed class IngestBenchmark(LoadGenerator load)
{
    private const int RepeatedGroups = 100;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        string postgresConnection = await postgres.CreateDatabaseAsync(cancellationToken);
        await using ChildProcess alertmanager = await Servers.StartAlertmanagerAsync(cancellationToken);
        await using ChildProcess sqliteBot = await Servers.StartBotAsync(null, new Dictionary<string, string>(), cancellationToken);
        await using ChildProcess postgresBot = await Servers.StartBotAsync(postgresConnection, new Dictionary<string, string>(), cancellationToken);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Webhook ingest, {load.Connections} connections, alerts/s (p50 / p99 ms); ratio = ours / Alertmanager");
        report.AppendLine("| alerts | batch | Alertmanager /api/v2/alerts | bot on SQLite | ratio | bot on PostgreSQL | ratio |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (bool repeated in new[] { false, true })
        {
            foreach (int batch in new[] { 1, 10 })
            {
                string run = $"{(repeated ? "r" : "n")}{batch}";
                LoadResult reference = await MeasureAsync(alertmanager.BaseAddress, "api/v2/alerts", run, batch, repeated, webhook: false, cancellationToken);
                LoadResult sqlite = await MeasureAsync(sqliteBot.BaseAddress, "webhooks/alertmanager", run, batch, repeated, webhook: true, cancellationToken);
                LoadResult pg = await MeasureAsync(postgresBot.BaseAddress, "webhooks/alertmanager", run, batch, repeated, webhook: true, cancellationToken);
                string kind = repeated ? "repeated" : "new";
                Console.WriteLine($"{kind} x{batch}: Alertmanager {reference.Describe()}");
                Console.WriteLine($"{kind} x{batch}: SQLite       {sqlite.Describe()}");
                Console.WriteLine($"{kind} x{batch}: PostgreSQL   {pg.Describe()}");
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {kind} | {batch} | {Cell(reference)} | {Cell(sqlite)} | {sqlite.ItemsPerSecond / reference.ItemsPerSecond:0.00} | {Cell(pg)} | {pg.ItemsPerSecond / reference.ItemsPerSecond:0.00} |");
            }
        }
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"/metrics after the runs (SQLite):     {await ScrapeCost.MeasureAsync(sqliteBot, cancellationToken)}");
        Console.WriteLine($"/metrics after the runs (PostgreSQL): {await ScrapeCost.MeasureAsync(postgresBot, cancellationToken)}");
    }

    private async Task<LoadResult> MeasureAsync(
        Uri target, string path, string run, int batch, bool repeated, bool webhook, CancellationToken cancellationToken)
    {
        var uri = new Uri(path, UriKind.Relative);
        HttpRequestMessage Request(long sequence)
        {
            long group = repeated ? sequence % RepeatedGroups : sequence;
            string body = webhook ? Payloads.Webhook(run, group, 0, batch) : Payloads.PostableAlerts(run, group, 0, batch);
            return new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
        (LoadResult result, _) = await load.RunAsync(target, Request, batch, 0, cancellationToken);
        if (result.Failed > 0)
        {
            Console.WriteLine($"warning: {result.Failed} requests to {target}{path} failed");
        }
        return result;
    }

    private static string Cell(LoadResult result) => string.Create(CultureInfo.InvariantCulture, $"{result.ItemsPerSecond:0} ({result.P50:0.0} / {result.P99:0.0})");
}
