using ChatOpsIncidents.Core.DueWork;
using Microsoft.Extensions.Options;
using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with a persistent store in the bot's database (see <see cref="QuartzStoreConfiguration"/>); its tables are created
    /// on first start. <paramref name="configuration"/> gives the safety net's interval, which Quartz needs when it is registered.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        TimeSpan safetyNetInterval = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>()?.SafetyNetInterval
            ?? new SchedulingOptions().SafetyNetInterval;
        services.AddSingleton<QuartzStoreConfiguration>();
        services.AddSingleton<IPostConfigureOptions<DataSourceOptions>>(provider => provider.GetRequiredService<QuartzStoreConfiguration>());
        services.AddSingleton<IPostConfigureOptions<ClusteringOptions>>(provider => provider.GetRequiredService<QuartzStoreConfiguration>());
        services.AddSingleton<IPostConfigureOptions<AdoJobStoreOptions>>(provider => provider.GetRequiredService<QuartzStoreConfiguration>());
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.GenerateInstanceId = true); // each replica its own id, as clustering needs
            quartz.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.UseDataSource(_ => { }); // provider and connection string: QuartzStoreConfiguration
                store.UseDriverDelegate(provider => provider.GetRequiredService<QuartzStoreConfiguration>().CreateDriverDelegate());
            });
            quartz.AddJob<DueWorkJob>(job => job.WithIdentity(DueWorkJob.Key).StoreDurably());
            quartz.AddJob<SafetyNetJob>(job => job.WithIdentity(SafetyNetJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(SafetyNetJob.Key)
                .WithIdentity("safety-net", "incidents")
                .StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(safetyNetInterval).RepeatForever()));
        });
        services.AddHostedService<RetiredJobs>(); // before Quartz's own, which starts firing
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddSingleton<IDueWorkScheduler, QuartzDueWorkScheduler>();
        return services;
    }
}
