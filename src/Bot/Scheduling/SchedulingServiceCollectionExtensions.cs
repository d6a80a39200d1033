using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Postmortems;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with a persistent store: on SQLite a file next to the incident database; on PostgreSQL the incident database,
    /// clustered, so each trigger fires on one replica. The tables are created on first start.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        DatabaseOptions database = ReadDatabaseOptions(configuration);
        TimeSpan safetyNetInterval = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>()?.SafetyNetInterval
            ?? new SchedulingOptions().SafetyNetInterval;
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.GenerateInstanceId = true); // each replica its own id, as clustering needs
            // Quartz only wakes the bot up; whether a step or reminder is due is decided by the incident database on the
            // bot's own clock. Quartz's waits stay on real time.
            quartz.UseTimeProvider(TimeProvider.System);
            quartz.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(database.EffectiveConnectionString);
                    store.UseClustering();
                }
                else
                {
                    store.UseSqlite(SchedulerSqliteConnectionString(database));
                }
            });
            quartz.AddJob<EscalationStepJob>(job => job.WithIdentity(EscalationStepJob.Key).StoreDurably());
            quartz.AddJob<PostmortemReminderJob>(job => job.WithIdentity(PostmortemReminderJob.Key).StoreDurably());
            quartz.AddJob<SafetyNetJob>(job => job.WithIdentity(SafetyNetJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(SafetyNetJob.Key)
                .WithIdentity("safety-net", "incidents")
                .StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(safetyNetInterval).RepeatForever()));
        });
        services.Configure<AdoJobStoreOptions>(options => options.SchemaProvisioning = SchemaProvisioning.CreateIfMissing);
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddSingleton<QuartzIncidentScheduler>();
        services.AddSingleton<IEscalationScheduler>(provider => provider.GetRequiredService<QuartzIncidentScheduler>());
        services.AddSingleton<IPostmortemScheduler>(provider => provider.GetRequiredService<QuartzIncidentScheduler>());
        return services;
    }

    private static DatabaseOptions ReadDatabaseOptions(IConfiguration configuration)
    {
        DatabaseOptions options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        return options;
    }

    /// <summary>"data/incidents.db" → "data/incidents.scheduler.db": its own file, so Quartz and the bot never wait on each other's locks.</summary>
    private static string SchedulerSqliteConnectionString(DatabaseOptions database)
    {
        var builder = new SqliteConnectionStringBuilder(database.EffectiveConnectionString);
        builder.DataSource = Path.ChangeExtension(builder.DataSource, ".scheduler.db");
        return builder.ToString();
    }
}
