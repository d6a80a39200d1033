using ChatOpsIncidents.Core.Escalation;
using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

/// <summary>Fires the escalation step its trigger names, if the incident database says it is due.</summary>
internal sealed class EscalationStepJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("escalation-step", "incidents");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EscalationService>().FireDueAsync(IncidentTriggers.IncidentOf(context.Trigger), cancellationToken);
    }
}
