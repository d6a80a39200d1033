using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Execution;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>Automatic runs, carried out with their progress in the incident's channel (none while it has no channel yet).</summary>
internal sealed class SlackAutomaticRuns(IncidentsDbContext db, RunbookLauncher launcher) : IAutomaticRunCarrier
{
    public async Task CarryAsync(RunbookRun run, RunPlan plan, CancellationToken cancellationToken)
    {
        long? incident = plan.Request.Incident?.Number;
        string? channel = await db.Deliveries.Where(d => d.IncidentId == incident).Select(d => d.ChannelId).FirstOrDefaultAsync(cancellationToken);
        launcher.Carry(run, plan, channel);
    }
}
