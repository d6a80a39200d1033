using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Scheduling;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Incidents;
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
                IScheduler scheduler = await StandByAsync(before); // the bot stops before the step is due
                await before.PostWebhookAsync(Payloads.Firing);
                Assert.NotNull(await scheduler.GetTrigger(new TriggerKey("INC-1", "escalation-steps"), Ct));
                Assert.Equal(0, await StepsAsync(before));
            }

            await using BotHost after = await StartUntilTheStepFiredAsync(settings);

            Assert.Equal(1, await StepsAsync(after));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Triggers_an_earlier_version_stored_for_its_escalation_and_reminder_jobs_fire_as_due_work_after_the_upgrade()
    {
        string folder = Directory.CreateTempSubdirectory("bot-upgrade-").FullName;
        try
        {
            Dictionary<string, string?> settings = EscalationBot.EscalationSettings();
            settings["Database:SqlitePath"] = Path.Combine(folder, "incidents.db");
            DateTimeOffset reminderDue;
            await using (var before = new BotHost(settings))
            {
                IScheduler scheduler = await StandByAsync(before); // stopped before INC-1's step is due
                await before.PostWebhookAsync(Payloads.Firing);
                HttpClient api = before.CreateClient();
                (await api.PostAsJsonAsync("/api/incidents", new { title = "Disk full", severity = "SEV3", by = "test" }, Ct)).EnsureSuccessStatusCode();
                (await api.PostAsJsonAsync("/api/incidents/INC-2/resolve", new { by = "test" }, Ct)).EnsureSuccessStatusCode();
                reminderDue = (await scheduler.GetTrigger(DueTriggers.Reminder(new IncidentKey(2)), Ct))!.NextFireTimeUtc!.Value;
            }
            await StoreAsTheEarlierVersionDidAsync(Path.Combine(folder, "incidents.scheduler.db"));

            await using BotHost after = await StartUntilTheStepFiredAsync(settings);

            Assert.Equal(1, await StepsAsync(after));
            IScheduler store = await after.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
            ITrigger? reminder = await store.GetTrigger(DueTriggers.Reminder(new IncidentKey(2)), Ct);
            Assert.Equal((DueWorkJob.Key, reminderDue), (reminder?.JobKey, reminder?.NextFireTimeUtc));
            bool[] retiredJobsLeft = await Task.WhenAll(RetiredJobs.Keys.Select(retired => store.Exists(retired, Ct).AsTask()));
            Assert.Equal([false, false], retiredJobsLeft);
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

    /// <summary>The bot's scheduler, standing by: Quartz starts it once the application has started, in the background, so only after that.</summary>
    private static async Task<IScheduler> StandByAsync(BotHost bot)
    {
        IScheduler scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        await WaitUntilAsync(() => Task.FromResult(scheduler.Status == SchedulerStatus.Running));
        await scheduler.Standby(Ct);
        return scheduler;
    }

    /// <summary>Starts the bot on the database of <paramref name="settings"/> and waits until INC-1's step fired, and 2 s more.</summary>
    private static async Task<BotHost> StartUntilTheStepFiredAsync(Dictionary<string, string?> settings)
    {
        var bot = new BotHost(settings);
        try
        {
            _ = bot.CreateClient(); // starts it
            await WaitUntilAsync(async () => await StepsAsync(bot) > 0);
            await Task.Delay(TimeSpan.FromSeconds(2), Ct); // a second firing, if there were one, would be in by now
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Rewrites the store as the version before due work had one job left it: each kind's triggers belonged to a job of its
    /// own, of a class this version no longer has.
    /// </summary>
    private static async Task StoreAsTheEarlierVersionDidAsync(string schedulerDatabase)
    {
        await using var connection = new SqliteConnection($"Data Source={schedulerDatabase}");
        await connection.OpenAsync(Ct);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP, JOB_CLASS_NAME, IS_DURABLE, IS_NONCONCURRENT, IS_UPDATE_DATA, REQUESTS_RECOVERY)
                SELECT SCHED_NAME, 'escalation-step', 'incidents', 'ChatOpsIncidents.Bot.Scheduling.EscalationStepJob, ChatOpsIncidents.Bot', 1, 0, 0, 0
                FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = 'due-work';
            INSERT INTO QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP, JOB_CLASS_NAME, IS_DURABLE, IS_NONCONCURRENT, IS_UPDATE_DATA, REQUESTS_RECOVERY)
                SELECT SCHED_NAME, 'postmortem-reminder', 'incidents', 'ChatOpsIncidents.Bot.Scheduling.PostmortemReminderJob, ChatOpsIncidents.Bot', 1, 0, 0, 0
                FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = 'due-work';
            UPDATE QRTZ_TRIGGERS SET JOB_NAME = 'escalation-step' WHERE TRIGGER_GROUP = 'escalation-steps';
            UPDATE QRTZ_TRIGGERS SET JOB_NAME = 'postmortem-reminder' WHERE TRIGGER_GROUP = 'postmortem-reminders';
            DELETE FROM QRTZ_SIMPLE_TRIGGERS WHERE TRIGGER_GROUP = 'weekly-reports';
            DELETE FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'weekly-reports';
            DELETE FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = 'due-work';
            """;
        // Two jobs added, a trigger moved to each, the weekly report's trigger gone (that version had none), the new job gone.
        Assert.Equal(2 + 2 + 2 + 1, await command.ExecuteNonQueryAsync(Ct));
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
