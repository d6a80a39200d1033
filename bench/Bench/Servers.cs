using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bench;

/// <summary>How the benchmark starts each server it measures or needs, all on 127.0.0.1.</summary>
internal static class Servers
{
    public const string SigningSecret = "bench-signing-secret-0123456789ab";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The bot the benchmarks start: its Release build, or another build of it named by <c>CHATOPS_BENCH_BOT</c> (a ReadyToRun publish).</summary>
    public static string BotAssembly { get; } = Environment.GetEnvironmentVariable("CHATOPS_BENCH_BOT") is { Length: > 0 } other
        ? other
        : Path.Combine(RepositoryRoot, "src", "Bot", "bin", "Release", "net10.0", "ChatOpsIncidents.Bot.dll");

    /// <summary>
    /// The bot from its Release build (built by <c>bench/run</c>), as in production but logging warnings only, on a fresh
    /// SQLite file or PostgreSQL database, with extra settings. Its webhook and API take anonymous writes unless the settings
    /// say otherwise: the benchmarks measure throughput, and a token check costs a hash. Started once <paramref name="readyPath"/>
    /// answers 2xx.
    /// </summary>
    public static Task<ChildProcess> StartBotAsync(
        string? postgresConnection, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken, string readyPath = "healthz")
    {
        string bot = BotAssembly;
        if (!File.Exists(bot))
        {
            throw new InvalidOperationException($"{bot} is missing: run the benchmarks through bench/run, which builds it.");
        }
        string folder = Directory.CreateTempSubdirectory("chatops-bench-").FullName;
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Database__Provider"] = postgresConnection is null ? "Sqlite" : "Postgres",
            ["Database__SqlitePath"] = Path.Combine(folder, "incidents.db"),
            ["Slack__SigningSecret"] = SigningSecret,
            ["Alertmanager__AllowAnonymous"] = "true",
            ["Api__AllowAnonymous"] = "true",
            ["MALLOC_ARENA_MAX"] = "2", // as the image runs it (Dockerfile)
        };
        if (postgresConnection is not null)
        {
            environment["ConnectionStrings__Incidents"] = postgresConnection;
        }
        foreach ((string key, string value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return ChildProcess.StartAsync("dotnet", [bot], environment, new Uri($"http://127.0.0.1:{port}/"), readyPath, cancellationToken);
    }

    /// <summary>Alertmanager with its API only: clustering off and a receiver without integrations, so it notifies nobody.</summary>
    public static async Task<ChildProcess> StartAlertmanagerAsync(CancellationToken cancellationToken)
    {
        string binary = Environment.GetEnvironmentVariable("ALERTMANAGER_BIN") is { Length: > 0 } configured ? configured : "prometheus-alertmanager";
        string folder = Directory.CreateTempSubdirectory("chatops-bench-am-").FullName;
        string config = Path.Combine(folder, "alertmanager.yml");
        await File.WriteAllTextAsync(config, """
            route:
              receiver: nobody
              group_by: ['alertname', 'namespace']
            receivers:
              - name: nobody
            """, cancellationToken);
        var port = FreePort.Next();
        return await ChildProcess.StartAsync(binary,
            [$"--config.file={config}", $"--storage.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}",
             "--cluster.listen-address=", "--log.level=warn"],
            new Dictionary<string, string>(), new Uri($"http://127.0.0.1:{port}/"), "-/ready", cancellationToken);
    }

    /// <summary>The Bolt app of bench/bolt (its node_modules installed by <c>bench/run</c>).</summary>
    public static Task<ChildProcess> StartBoltAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        string app = Path.Combine(RepositoryRoot, "bench", "bolt", "app.js");
        var environment = new Dictionary<string, string> { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["SLACK_SIGNING_SECRET"] = SigningSecret };
        return ChildProcess.StartAsync("node", [app], environment, new Uri($"http://127.0.0.1:{port}/"), "healthz", cancellationToken);
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatOpsIncidents.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository (ChatOpsIncidents.sln not found above it).");
    }
}
