using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;
using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

/// <summary>
/// The one job all due work runs as. Its trigger says what is due: the trigger's group is the kind of work (such as
/// "escalation-steps"), its name the incident ("INC-42"); one trigger per incident and kind, so scheduling again replaces it.
/// The job fires that work if the incident database says it is due.
/// </summary>
internal sealed class DueWorkJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("due-work", "incidents");

    public static TriggerKey TriggerFor(string kind, IncidentKey incident) => new(incident.ToString(), kind);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        TriggerKey trigger = context.Trigger.Key;
        if (!IncidentKey.TryParse(trigger.Name, out IncidentKey incident))
        {
            throw new InvalidOperationException($"Trigger {trigger} is not named by an incident key.");
        }
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DueWorkService>().FireDueAsync(trigger.Group, incident, cancellationToken);
    }
}
