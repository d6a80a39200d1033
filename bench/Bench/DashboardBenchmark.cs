using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Dashboard pages with many incidents: latency of <c>/</c> (open incidents, first page), a filtered page (all statuses, one
/// service, a word of the title), <c>/insights</c> (its default period and 90 days) and one incident's page, against
/// <c>GET /api/incidents</c> in the same run over the same connections, at most <paramref name="requests"/> requests a page, on
/// SQLite and PostgreSQL. Each database is migrated by the bot, then filled with <paramref name="incidents"/> incidents by SQL
/// (<see cref="DashboardFill"/>) and analysed, then the bot is started again on it. Each page's first request is timed on its own
/// before the load: for <c>/insights</c>, whose figures are then kept for a minute, that is the cost of computing them.
/// </summary>
internal sealed class DashboardBenchmark(LoadGenerator load, int incidents, int requests)
{
    private static readonly string s_filteredService = DashboardFill.Services[0];

    private readonly (string Name, string Path)[] _pages =
    [
        ("GET /api/incidents (reference)", "api/incidents"),
        ("GET / (open incidents)", ""),
        ($"GET /?status=all&service={s_filteredService}&q=latency", $"?status=all&service={s_filteredService}&q=latency"),
        ("GET /insights (default: 30 days)", "insights"),
        ("GET /insights?days=90", "insights?days=90"),
        ($"GET /incidents/INC-{incidents / 2}", $"incidents/INC-{incidents / 2}"),
    ];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        string postgresConnection = await postgres.CreateDatabaseAsync(cancellationToken);
        List<PageResult> sqlite = await MeasureAsync(null, cancellationToken);
        List<PageResult> postgresql = await MeasureAsync(postgresConnection, cancellationToken);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Dashboard with {incidents} incidents, {load.Connections} connections, at most {requests} requests a page: p50 / p95 / p99 ms (requests/s); ratio = p99 / the API's p99; first = the page's first request alone, ms");
        report.AppendLine("| page | SQLite | ratio | first | PostgreSQL | ratio | first |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        for (int page = 0; page < _pages.Length; page++)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {_pages[page].Name} | {Cell(sqlite[page].Load)} | {sqlite[page].Load.P99 / sqlite[0].Load.P99:0.00} | {sqlite[page].FirstMs:0.0} | {Cell(postgresql[page].Load)} | {postgresql[page].Load.P99 / postgresql[0].Load.P99:0.00} | {postgresql[page].FirstMs:0.0} |");
        }
        Console.WriteLine(report);
    }

    private async Task<List<PageResult>> MeasureAsync(string? postgresConnection, CancellationToken cancellationToken)
    {
        string database = postgresConnection is null ? "SQLite" : "PostgreSQL";
        string sqlitePath = Path.Combine(Directory.CreateTempSubdirectory("chatops-bench-dashboard-").FullName, "incidents.db");
        var settings = new Dictionary<string, string> { ["Database:SqlitePath"] = sqlitePath };
        await using (await Servers.StartBotAsync(postgresConnection, settings, cancellationToken))
        {
            // started once to migrate its database
        }
        var filling = Stopwatch.StartNew();
        await using (DbConnection connection = await DashboardFill.OpenAsync(postgresConnection, sqlitePath, cancellationToken))
        {
            await new DashboardFill(connection, DateTimeOffset.UtcNow).FillAsync(incidents, cancellationToken);
        }
        Console.WriteLine($"{database}: {incidents} incidents filled and analysed in {filling.Elapsed.TotalSeconds:0.0} s");

        await using ChildProcess bot = await Servers.StartBotAsync(postgresConnection, settings, cancellationToken);
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        List<PageResult> results = [];
        foreach ((string name, string path) in _pages)
        {
            var uri = new Uri(path, UriKind.Relative);
            var first = Stopwatch.StartNew();
            await client.GetStringAsync(uri, cancellationToken);
            double firstMs = first.Elapsed.TotalMilliseconds;
            (LoadResult result, _) = await load.RunAsync(bot.BaseAddress, _ => new HttpRequestMessage(HttpMethod.Get, uri), 1, 0, cancellationToken, requests);
            if (result.Failed > 0)
            {
                Console.WriteLine($"warning: {result.Failed} requests of {name} failed on {database}, the first: {result.FirstFailure}");
            }
            results.Add(new PageResult(firstMs, result));
        }
        return results;
    }

    private sealed record PageResult(double FirstMs, LoadResult Load);

    private static string Cell(LoadResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.P50:0.0} / {result.P95:0.0} / {result.P99:0.0} ({result.RequestsPerSecond:0})");
}
