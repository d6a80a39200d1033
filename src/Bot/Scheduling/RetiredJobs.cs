using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

/// <summary>
/// Before Quartz starts firing: moves the triggers of jobs this bot no longer has to <see cref="DueWorkJob"/>, keeping their
/// fire times, and deletes those jobs. Escalation steps and postmortem reminders used to have a job each, and their triggers
/// stored by an earlier version of the bot would otherwise fail to fire. Their groups already name the kind of due work.
/// </summary>
internal sealed partial class RetiredJobs(ISchedulerFactory schedulers, ILogger<RetiredJobs> logger) : IHostedService
{
    public static readonly JobKey[] Keys = [new("escalation-step", "incidents"), new("postmortem-reminder", "incidents")];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IScheduler scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (JobKey retired in Keys)
        {
            foreach (ITrigger trigger in await scheduler.GetTriggersOfJob(retired, cancellationToken))
            {
                await QuartzDueWorkScheduler.ScheduleAsync(scheduler, trigger.Key, trigger.NextFireTimeUtc ?? trigger.StartTimeUtc, cancellationToken);
                LogMoved(logger, trigger.Key, retired);
            }
            await scheduler.DeleteJob(retired, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Moved the trigger {Trigger} of the retired Quartz job {Job} to the due-work job")]
    private static partial void LogMoved(ILogger logger, TriggerKey trigger, JobKey job);
}
