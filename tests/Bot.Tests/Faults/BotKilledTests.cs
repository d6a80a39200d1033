using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Bot.Tests.Faults;

/// <summary>The bot process killed with SIGKILL while a real Alertmanager delivers to it, then started again.</summary>
public sealed class BotKilledTests
{
    private const int Groups = 30;
    private const int AlertsPerGroup = 6;
    private const string Token = "bot-killed-token";
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killed_hard_in_a_webhook_burst_and_started_again_Alertmanagers_retries_end_with_one_incident_per_group_and_every_alert()
    {
        string folder = Directory.CreateTempSubdirectory("bot-killed-").FullName;
        var database = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = Path.Combine(folder, "incidents.db") };
        try
        {
            await using BotProcess bot = await BotProcess.StartAsync(new Dictionary<string, string>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:SqlitePath"] = database.SqlitePath,
                ["Alertmanager:BearerToken"] = Token,
                ["Storms:Threshold"] = "100000", // this burst is an alert storm by default; this test is about one incident per group after a kill
            }, Ct);
            await using AlertmanagerServer alertmanager = await AlertmanagerServer.StartAsync(new Uri(bot.BaseAddress, "webhooks/alertmanager"), Token, Ct);
            int[] groups = [.. Enumerable.Range(0, Groups)];

            await alertmanager.PostAlertsAsync(AlertBurst.Postable(groups, 0, 2), Ct);
            await WaitUntilAsync(async () => (await StoredRows.ReadAsync(database, Ct)).Incidents > 0, "the first deliveries", bot, alertmanager);
            await alertmanager.PostAlertsAsync(AlertBurst.Postable(groups, 2, 4), Ct);
            bot.Kill();
            await alertmanager.PostAlertsAsync(AlertBurst.Postable(groups, 4, AlertsPerGroup), Ct);
            await WaitUntilAsync(() => Task.FromResult(alertmanager.Log.Contains("connection refused", StringComparison.Ordinal)),
                "Alertmanager to find the bot gone", bot, alertmanager);
            StoredRows atKill = await StoredRows.ReadAsync(database, Ct);
            await bot.StartAgainAsync(Ct);
            await WaitUntilAsync(async () => (await StoredRows.ReadAsync(database, Ct)).Alerts == Groups * AlertsPerGroup,
                "Alertmanager's retries to bring every alert", bot, alertmanager);

            Assert.True(atKill.Alerts < Groups * AlertsPerGroup, $"the kill came too late to matter: {atKill}");
            await using IncidentsDbContext db = StoredRows.Open(database);
            var incidents = await db.Incidents.AsNoTracking().Select(i => new { i.GroupKey, Alerts = i.Alerts.Count }).ToListAsync(Ct);
            Assert.Equal(Groups, incidents.Count);
            Assert.Equal(Groups, incidents.Select(i => i.GroupKey).Distinct().Count());
            Assert.All(incidents, incident => Assert.Equal(AlertsPerGroup, incident.Alerts));
            Assert.Equal(Groups * AlertsPerGroup, await db.Alerts.Select(a => a.Fingerprint).Distinct().CountAsync(Ct));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, BotProcess bot, AlertmanagerServer alertmanager)
    {
        using var deadline = new CancellationTokenSource(s_patience);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"Timed out after {s_patience.TotalSeconds:0} s waiting for {what}.\n--- the bot ---\n{bot.Log}\n--- Alertmanager ---\n{alertmanager.Log}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
        }
    }
}
