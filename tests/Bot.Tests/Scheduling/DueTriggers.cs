using ChatOpsIncidents.Bot.Scheduling;
using ChatOpsIncidents.Bot.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Quartz;

namespace ChatOpsIncidents.Bot.Tests.Scheduling;

/// <summary>
/// Fires escalation and reminder triggers on a fake clock, where Quartz's scheduler is not started (see BotHost): the triggers
/// are stored as usual, and <see cref="FireAsync"/> runs the jobs of those whose fire time the clock has reached.
/// </summary>
public static class DueTriggers
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Takes every due escalation and reminder trigger out of the store once, as Quartz does when it fires one, and runs its
    /// job on each of <paramref name="replicas"/> at the same time (several replicas sharing one store: the worst case, where
    /// every replica fires it). Returns how many triggers fired.
    /// </summary>
    public static async Task<int> FireAsync(TimeProvider clock, params BotHost[] replicas)
    {
        IScheduler scheduler = await replicas[0].Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        int fired = 0;
        foreach ((string group, Func<IServiceScopeFactory, IJob> job) in new (string, Func<IServiceScopeFactory, IJob>)[]
        {
            (IncidentTriggers.EscalationGroup, scopes => new EscalationStepJob(scopes)),
            (IncidentTriggers.ReminderGroup, scopes => new PostmortemReminderJob(scopes)),
        })
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
                        job(replica.Services.GetRequiredService<IServiceScopeFactory>()).Execute(context, Ct).AsTask()));
                    fired++;
                }
            }
        }
        return fired;
    }
}
