using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Postmortems;
using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

/// <summary>
/// Runs every <see cref="SchedulingOptions.SafetyNetInterval"/>: fires the escalation steps and postmortem reminders the
/// database says are overdue (a lost trigger, a node that died mid-step), and refreshes the overdue-postmortem gauge.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class SafetyNetJob(IServiceScopeFactory scopes, ILogger<SafetyNetJob> logger) : IJob
{
    public static readonly JobKey Key = new("safety-net", "incidents");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        int steps = await scope.ServiceProvider.GetRequiredService<EscalationService>().FireOverdueAsync(cancellationToken);
        int reminders = await scope.ServiceProvider.GetRequiredService<PostmortemService>().FireOverdueAsync(cancellationToken);
        if (steps + reminders > 0)
        {
            LogCaughtUp(logger, steps, reminders);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Safety net fired {Steps} overdue escalation steps and {Reminders} late postmortem reminders")]
    private static partial void LogCaughtUp(ILogger logger, int steps, int reminders);
}
