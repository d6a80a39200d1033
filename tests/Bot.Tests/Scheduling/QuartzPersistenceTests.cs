using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ChatOpsIncidents.Bot.Tests.Scheduling;

/// <summary>Quartz on real time with its persistent store: a step survives a restart, and on PostgreSQL fires once, clustered.</summary>
public sealed class QuartzPersistenceTests(PostgresServer postgres)
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_step_scheduled_before_a_restart_fires_once_after_it()
    {
        string folder = Directory.CreateTempSubdirectory("bot-restart-").FullName;
        try
        {
            Dictionary<string, string?> settings = EscalationBot.EscalationSettings();
            settings["Database:SqlitePath"] = Path.Combine(folder, "incidents.db");
            await using (var before = new BotHost(settings))
            {
                IScheduler scheduler = await before.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
                // Quartz starts its scheduler once the application has started, in the background: stand it by only after that.
                await WaitUntilAsync(() => Task.FromResult(scheduler.Status == SchedulerStatus.Running));
                await scheduler.Standby(Ct); // the bot stops before the step is due
                await before.PostWebhookAsync(Payloads.Firing);
                Assert.NotNull(await scheduler.GetTrigger(new TriggerKey("INC-1", "escalation-steps"), Ct));
                Assert.Equal(0, await StepsAsync(before));
            }

            await using var after = new BotHost(settings);
            _ = after.CreateClient(); // starts it on the same database
            await WaitUntilAsync(async () => await StepsAsync(after) > 0);
            await Task.Delay(TimeSpan.FromSeconds(2), Ct); // a second firing, if there were one, would be in by now

            Assert.Equal(1, await StepsAsync(after));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task On_PostgreSQL_two_clustered_replicas_fire_a_step_once()
    {
        postgres.RequireAvailable();
        string connectionString = await postgres.CreateDatabaseAsync(Ct);
        Dictionary<string, string?> settings = EscalationBot.EscalationSettings();
        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Incidents"] = connectionString;
        await using var first = new BotHost(settings);
        _ = first.CreateClient();
        await using var second = new BotHost(settings);
        _ = second.CreateClient();

        await second.PostWebhookAsync(Payloads.Firing);
        await WaitUntilAsync(async () => await StepsAsync(first) > 0);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);

        Assert.Equal(1, await StepsAsync(first));
        IScheduler scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        Assert.NotNull(await scheduler.GetTrigger(new TriggerKey("INC-1", "escalation-steps"), Ct)); // the next step, 5 minutes on
    }

    private static async Task<int> StepsAsync(BotHost bot)
    {
        IncidentDetailsView? incident = await bot.CreateClient().GetFromJsonAsync<IncidentDetailsView>("/api/incidents/INC-1", Ct);
        return incident?.Timeline.Count(e => e.Kind == "EscalationStep") ?? 0;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(s_patience);
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, "The escalation step did not fire in time.");
            await Task.Delay(100, Ct);
        }
    }
}
