using ChatOpsIncidents.Bot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Hosting;

/// <summary>Issue 17, item 21: the first start printed nothing that said where the bot listens, what it stores in, or what is on.</summary>
public sealed class StartupReportTests
{
    [Fact]
    public async Task The_first_log_lines_name_the_database_file_the_integrations_and_where_the_bot_listens()
    {
        var logs = new CapturedLogs();
        string database = Path.Combine(Path.GetTempPath(), $"startup-report-{Guid.NewGuid():N}", "incidents.db");
        await using var bot = new BotHost(new Dictionary<string, string?> { ["Database:SqlitePath"] = database },
            services: services => services.AddSingleton<ILoggerProvider>(logs));

        _ = bot.CreateClient();

        string[] report = [.. logs.Entries.Where(entry => entry.Category == "ChatOpsIncidents.Bot.StartupReport").Select(entry => entry.Message)];
        Assert.Equal(
            [
                $"Incidents are stored in the SQLite file {database}",
                "Integrations: Slack off (Slack:BotToken), Kubernetes runbooks off (Kubernetes:KubeconfigPath or InCluster), SLOs from Prometheus off (Prometheus:Url)",
                "Listening on no network address (an in-process server)",
            ],
            report);
        Assert.True(logs.Entries.TakeWhile(entry => entry.Category != "ChatOpsIncidents.Bot.StartupReport").All(entry => entry.Level < LogLevel.Information),
            "The report comes first");
    }
}
