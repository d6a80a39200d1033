using ChatOpsIncidents.Core.DueWork;
using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

/// <summary>
/// Runs every <see cref="SchedulingOptions.SafetyNetInterval"/>: fires the due work the database says is overdue (a lost
/// trigger, a node that died mid-step).
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class SafetyNetJob(IServiceScopeFactory scopes, ILogger<SafetyNetJob> logger) : IJob
{
    public static readonly JobKey Key = new("safety-net", "incidents");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        int fired = await scope.ServiceProvider.GetRequiredService<DueWorkService>().FireOverdueAsync(cancellationToken);
        if (fired > 0)
        {
            LogCaughtUp(logger, fired);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "The safety net fired {Fired} pieces of overdue work")]
    private static partial void LogCaughtUp(ILogger logger, int fired);
}
