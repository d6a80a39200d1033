using ChatOpsIncidents.Core.Postmortems;
using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

/// <summary>Sends the postmortem reminder its trigger names, if the incident database says it is due.</summary>
internal sealed class PostmortemReminderJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("postmortem-reminder", "incidents");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PostmortemService>().FireDueReminderAsync(IncidentTriggers.IncidentOf(context.Trigger), cancellationToken);
    }
}
