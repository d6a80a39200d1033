using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ChatOpsIncidents.Bot.Tests.Hosting;

/// <summary>The bot's own process writes its console log in the format the configuration names (<c>Logging:Console:FormatterName</c>).</summary>
public sealed class ConsoleLogFormatTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Console_log_entries_are_json_lines_when_the_configuration_names_the_json_formatter()
    {
        string folder = Directory.CreateTempSubdirectory("console-log-format-").FullName;
        try
        {
            await using BotProcess bot = await BotProcess.StartAsync(new Dictionary<string, string>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:SqlitePath"] = Path.Combine(folder, "incidents.db"),
                ["Logging:Console:FormatterName"] = "json",
            }, Ct);

            string slackOff = await LogLineAsync(bot, "SlackStartup");

            using JsonDocument entry = JsonDocument.Parse(slackOff);
            Assert.Equal("ChatOpsIncidents.Bot.Slack.SlackStartup", entry.RootElement.GetProperty("Category").GetString());
            Assert.Equal("Warning", entry.RootElement.GetProperty("LogLevel").GetString());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The first line of the bot's output that mentions <paramref name="text"/>; the output is read as it comes.</summary>
    private static async Task<string> LogLineAsync(BotProcess bot, string text)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (bot.Log.Split('\n').FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line.Trim();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), patience.Token);
        }
    }
}
