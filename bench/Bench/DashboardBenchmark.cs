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
/// (<see cref="DashboardFill"/>) and analysed, then the bot is started again on it.
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
        List<LoadResult> sqlite = await MeasureAsync(null, cancellationToken);
        List<LoadResult> postgresql = await MeasureAsync(postgresConnection, cancellationToken);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Dashboard with {incidents} incidents, {load.Connections} connections, at most {requests} requests a page: p50 / p95 / p99 ms (requests/s); ratio = p99 / the API's p99");
        report.AppendLine("| page | SQLite | ratio | PostgreSQL | ratio |");
        report.AppendLine("| --- | --- | --- | --- | --- |");
        for (int page = 0; page < _pages.Length; page++)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {_pages[page].Name} | {Cell(sqlite[page])} | {sqlite[page].P99 / sqlite[0].P99:0.00} | {Cell(postgresql[page])} | {postgresql[page].P99 / postgresql[0].P99:0.00} |");
        }
        Console.WriteLine(report);
    }

    private async Task<List<LoadResult>> MeasureAsync(string? postgresConnection, CancellationToken cancellationToken)
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
        List<LoadResult> results = [];
        foreach ((string name, string path) in _pages)
        {
            var uri = new Uri(path, UriKind.Relative);
            (LoadResult result, _) = await load.RunAsync(bot.BaseAddress, _ => new HttpRequestMessage(HttpMethod.Get, uri), 1, 0, cancellationToken, requests);
            if (result.Failed > 0)
            {
                Console.WriteLine($"warning: {result.Failed} requests of {name} failed on {database}, the first: {result.FirstFailure}");
            }
            results.Add(result);
        }
        return results;
    }

    private static string Cell(LoadResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.P50:0.0} / {result.P95:0.0} / {result.P99:0.0} ({result.RequestsPerSecond:0})");
}
