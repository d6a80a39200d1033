using ChatOpsIncidents.Core.DueWork;
using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

/// <summary>
/// The one job all due work runs as. Its trigger says what is due: the trigger's group is the kind of work (such as
/// "escalation-steps"), its name the work's key within its kind (such as "INC-42"); one trigger per piece of work, so
/// scheduling it again replaces it. The job fires that work if the incident database says it is due.
/// </summary>
internal sealed class DueWorkJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("due-work", "incidents");

    public static TriggerKey TriggerFor(string kind, string key) => new(key, kind);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        TriggerKey trigger = context.Trigger.Key;
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DueWorkService>().FireDueAsync(trigger.Group, trigger.Name, cancellationToken);
    }
}
