using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Postmortems;
using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

/// <summary>
/// Escalation steps and postmortem reminders as Quartz triggers in the persistent store: they survive a restart and, clustered
/// on PostgreSQL, fire on one replica. A late trigger fires at once (Quartz's misfire rule for one-shot triggers).
/// </summary>
internal sealed class QuartzIncidentScheduler(ISchedulerFactory schedulers) : IEscalationScheduler, IPostmortemScheduler
{
    public Task ScheduleStepAsync(IncidentKey incident, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        ScheduleAsync(EscalationStepJob.Key, IncidentTriggers.Escalation(incident), dueAt, cancellationToken);

    public Task CancelStepAsync(IncidentKey incident, CancellationToken cancellationToken) =>
        UnscheduleAsync(IncidentTriggers.Escalation(incident), cancellationToken);

    public Task ScheduleReminderAsync(IncidentKey incident, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        ScheduleAsync(PostmortemReminderJob.Key, IncidentTriggers.Reminder(incident), dueAt, cancellationToken);

    public Task CancelReminderAsync(IncidentKey incident, CancellationToken cancellationToken) =>
        UnscheduleAsync(IncidentTriggers.Reminder(incident), cancellationToken);

    private async Task ScheduleAsync(JobKey job, TriggerKey key, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        IScheduler scheduler = await schedulers.GetScheduler(cancellationToken);
        ITrigger trigger = TriggerBuilder.Create(scheduler.TimeProvider)
            .WithIdentity(key)
            .ForJob(job)
            .StartAt(dueAt)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        if (await scheduler.GetTrigger(key, cancellationToken) is null)
        {
            await scheduler.ScheduleJob(trigger, default, cancellationToken);
        }
        else
        {
            await scheduler.RescheduleJob(key, trigger, cancellationToken);
        }
    }

    private async Task UnscheduleAsync(TriggerKey key, CancellationToken cancellationToken)
    {
        IScheduler scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(key, cancellationToken);
    }
}
