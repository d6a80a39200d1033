using ChatOpsIncidents.Bot.Scheduling;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Maintenance;
using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Quartz;

namespace ChatOpsIncidents.Bot.Tests.Scheduling;

/// <summary>
/// Fires escalation, reminder, weekly report and maintenance window triggers on a fake clock, where Quartz's scheduler is not started (see BotHost): the triggers
/// are stored as usual, and <see cref="FireAsync"/> runs the jobs of those whose fire time the clock has reached.
/// </summary>
public static class DueTriggers
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The trigger of the incident's next escalation step.</summary>
    public static TriggerKey Escalation(IncidentKey incident) => DueWorkJob.TriggerFor(EscalationSteps.KindName, incident.ToString());

    /// <summary>The trigger of the incident's next postmortem reminder.</summary>
    public static TriggerKey Reminder(IncidentKey incident) => DueWorkJob.TriggerFor(PostmortemReminders.KindName, incident.ToString());

    /// <summary>
    /// Takes every due escalation, reminder, follow-up issue, weekly report and maintenance window trigger out of the store once, as Quartz does when it fires one, and runs its
    /// job on each of <paramref name="replicas"/> at the same time (several replicas sharing one store: the worst case, where
    /// every replica fires it). Returns how many triggers fired.
    /// </summary>
    public static async Task<int> FireAsync(TimeProvider clock, params BotHost[] replicas)
    {
        IScheduler scheduler = await replicas[0].Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        int fired = 0;
        foreach (string group in new[] { EscalationSteps.KindName, PostmortemReminders.KindName, FollowUpIssues.KindName, WeeklyReports.KindName, MaintenanceAnnouncements.KindName })
        {
            foreach (TriggerKey key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(group), Ct))
            {
                ITrigger? trigger = await scheduler.GetTrigger(key, Ct);
                if (trigger?.NextFireTimeUtc is { } fireAt && fireAt <= clock.GetUtcNow())
                {
                    await scheduler.UnscheduleJob(key, Ct); // a one-shot trigger is gone once fired; the job may schedule the next
                    IJobExecutionContext context = Substitute.For<IJobExecutionContext>();
                    context.Trigger.Returns(trigger);
                    await Task.WhenAll(replicas.Select(replica =>
                        new DueWorkJob(replica.Services.GetRequiredService<IServiceScopeFactory>()).Execute(context, Ct).AsTask()));
                    fired++;
                }
            }
        }
        return fired;
    }
}
