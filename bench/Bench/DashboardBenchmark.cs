using System.Globalization;
using System.Text;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Dashboard pages with many incidents: latency of <c>/</c> (open incidents, first page), a filtered page (all statuses, one
/// service, words of the title) and <c>/insights</c> (90 days) against <c>GET /api/incidents</c> in the same run, on SQLite
/// and PostgreSQL, each database first filled with <paramref name="incidents"/> incidents through the webhook (an incident,
/// its alert and its timeline entries each).
/// </summary>
internal sealed class DashboardBenchmark(LoadGenerator load, int incidents)
{
    private const int FillConnections = 16;

    private static readonly (string Name, string Path)[] s_pages =
    [
        ("GET /api/incidents (reference)", "api/incidents"),
        ("GET / (open incidents)", ""),
        ("GET /?status=all&service=node&q=group 4242", "?status=all&service=node&q=group+4242"),
        ("GET /insights?days=90", "insights?days=90"),
    ];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        string postgresConnection = await postgres.CreateDatabaseAsync(cancellationToken);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Dashboard with {incidents} incidents, {load.Connections} connections: p50 / p99 ms (requests/s); ratio = p99 / the API's p99");
        report.AppendLine("| page | SQLite | ratio | PostgreSQL | ratio |");
        report.AppendLine("| --- | --- | --- | --- | --- |");
        List<LoadResult> sqlite = await MeasureAsync(null, cancellationToken);
        List<LoadResult> postgresql = await MeasureAsync(postgresConnection, cancellationToken);
        for (int page = 0; page < s_pages.Length; page++)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {s_pages[page].Name} | {Cell(sqlite[page])} | {sqlite[page].P99 / sqlite[0].P99:0.00} | {Cell(postgresql[page])} | {postgresql[page].P99 / postgresql[0].P99:0.00} |");
        }
        Console.WriteLine(report);
    }

    private async Task<List<LoadResult>> MeasureAsync(string? postgresConnection, CancellationToken cancellationToken)
    {
        await using ChildProcess bot = await Servers.StartBotAsync(postgresConnection, new Dictionary<string, string>(), cancellationToken);
        await FillAsync(bot.BaseAddress, cancellationToken);
        List<LoadResult> results = [];
        foreach ((string name, string path) in s_pages)
        {
            var uri = new Uri(path, UriKind.Relative);
            (LoadResult result, _) = await load.RunAsync(bot.BaseAddress, _ => new HttpRequestMessage(HttpMethod.Get, uri), 1, 0, cancellationToken);
            if (result.Failed > 0)
            {
                Console.WriteLine($"warning: {result.Failed} requests of {name} failed, the first: {result.FirstFailure}");
            }
            results.Add(result);
        }
        return results;
    }

    /// <summary>Opens the incidents, one webhook (a new group) each, over a few connections at once.</summary>
    private async Task FillAsync(Uri bot, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = bot, Timeout = TimeSpan.FromSeconds(60) };
        long next = -1;
        async Task FillOneConnectionAsync()
        {
            for (long group = Interlocked.Increment(ref next); group < incidents; group = Interlocked.Increment(ref next))
            {
                using var content = new StringContent(Payloads.Webhook("dash", group, 0, 1), Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await http.PostAsync("webhooks/alertmanager", content, cancellationToken);
                response.EnsureSuccessStatusCode();
            }
        }
        await Task.WhenAll(Enumerable.Range(0, FillConnections).Select(_ => FillOneConnectionAsync()));
    }

    private static string Cell(LoadResult result) => string.Create(CultureInfo.InvariantCulture, $"{result.P50:0.0} / {result.P99:0.0} ({result.RequestsPerSecond:0})");
}
