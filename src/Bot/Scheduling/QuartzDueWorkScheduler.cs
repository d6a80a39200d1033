using ChatOpsIncidents.Core.DueWork;
using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

/// <summary>
/// Due work as Quartz triggers of <see cref="DueWorkJob"/> in the persistent store: they survive a restart and, clustered on
/// PostgreSQL, fire on one replica. A late trigger fires at once (Quartz's misfire rule for one-shot triggers).
/// </summary>
internal sealed class QuartzDueWorkScheduler(ISchedulerFactory schedulers) : IDueWorkScheduler
{
    public async Task ScheduleAsync(string kind, string key, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        IScheduler scheduler = await schedulers.GetScheduler(cancellationToken);
        await ScheduleAsync(scheduler, DueWorkJob.TriggerFor(kind, key), dueAt, cancellationToken);
    }

    public async Task CancelAsync(string kind, string key, CancellationToken cancellationToken)
    {
        IScheduler scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(DueWorkJob.TriggerFor(kind, key), cancellationToken);
    }

    /// <summary>
    /// Stores the one-shot trigger <paramref name="key"/> of <see cref="DueWorkJob"/> at <paramref name="dueAt"/>, in place of any
    /// trigger of that key (one store operation, so replicas scheduling the same work at once cannot both add it).
    /// </summary>
    public static async Task ScheduleAsync(IScheduler scheduler, TriggerKey key, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ITrigger trigger = TriggerBuilder.Create(scheduler.TimeProvider)
            .WithIdentity(key)
            .ForJob(DueWorkJob.Key)
            .StartAt(dueAt)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
