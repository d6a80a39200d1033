using System.Data.Common;
using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slos;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Runbooks.Kubernetes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot;

/// <summary>
/// The bot's first log lines, so that whoever starts it sees at once what it is: which database it uses (the SQLite file's
/// full path, or PostgreSQL's host and database, never a password), which integrations are on, and, once it listens, where.
/// </summary>
internal static partial class StartupReport
{
    public static void LogStartupReport(this WebApplication app)
    {
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupReport).FullName!);
        string database = Database(app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        LogDatabase(logger, database);
        string slack = OnOff(app.Services.GetRequiredService<IOptions<SlackOptions>>().Value.Enabled);
        string kubernetes = OnOff(app.Services.GetRequiredService<IOptions<KubernetesOptions>>().Value.IsConfigured);
        string prometheus = OnOff(app.Services.GetRequiredService<IOptions<PrometheusOptions>>().Value.BaseAddress is not null);
        LogIntegrations(logger, slack, kubernetes, prometheus);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            ICollection<string> addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            string listening = addresses.Count == 0 ? "no network address (an in-process server)" : string.Join(", ", addresses);
            LogListening(logger, listening);
        });
    }

    private static string Database(DatabaseOptions options)
    {
        var settings = new DbConnectionStringBuilder { ConnectionString = options.EffectiveConnectionString };
        string Setting(string key) => settings.TryGetValue(key, out object? value) ? value?.ToString() ?? "" : "";
        return options.Provider == DatabaseProvider.Sqlite
            ? $"SQLite file {Path.GetFullPath(Setting("Data Source"))}"
            : $"PostgreSQL database \"{Setting("Database")}\" on {Setting("Host")}";
    }

    private static string OnOff(bool on) => on ? "on" : "off";

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Incidents are stored in the {Database}")]
    private static partial void LogDatabase(ILogger logger, string database);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information,
        Message = "Integrations: Slack {Slack} (Slack:BotToken), Kubernetes runbooks {Kubernetes} (Kubernetes:KubeconfigPath or InCluster), SLOs from Prometheus {Prometheus} (Prometheus:Url)")]
    private static partial void LogIntegrations(ILogger logger, string slack, string kubernetes, string prometheus);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Listening on {Addresses}")]
    private static partial void LogListening(ILogger logger, string addresses);
}
