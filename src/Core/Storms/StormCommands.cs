using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Storms;

/// <summary>
/// Acknowledges or resolves a storm's incident and the incidents attached to it, each through <see cref="IncidentService"/> as
/// any other command (its own transaction, timeline entry under the person's name, escalation and times), so an incident
/// someone else acknowledged or resolved meanwhile is left as it is.
/// </summary>
public sealed class StormCommands(IncidentService incidents, StormQueries queries)
{
    /// <summary>How many attached incidents were acknowledged; null when <paramref name="storm"/> is no storm's incident.</summary>
    public Task<int?> AcknowledgeAllAsync(IncidentKey storm, Actor by, CancellationToken cancellationToken) =>
        ApplyAsync(storm, IncidentStatus.Triggered, key => incidents.AcknowledgeAsync(key, by, cancellationToken), cancellationToken);

    /// <summary>How many attached incidents were resolved; null when <paramref name="storm"/> is no storm's incident.</summary>
    public Task<int?> ResolveAllAsync(IncidentKey storm, Actor by, CancellationToken cancellationToken) =>
        ApplyAsync(storm, null, key => incidents.ResolveAsync(key, by, note: null, cancellationToken), cancellationToken);

    /// <param name="only">The status an attached incident must have to be changed; null: any open one.</param>
    private async Task<int?> ApplyAsync(
        IncidentKey storm, IncidentStatus? only, Func<IncidentKey, Task<IncidentCommandResult>> command, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(storm, cancellationToken) is null)
        {
            return null;
        }
        IReadOnlyList<StormMember> members = await queries.MembersAsync(storm, cancellationToken);
        int changed = 0;
        foreach (StormMember member in members.Where(m => only is { } status ? m.Status == status : m.Status != IncidentStatus.Resolved))
        {
            if ((await command(member.Key)).Succeeded)
            {
                changed++;
            }
        }
        await command(storm); // the storm's incident last: already done by someone, it stays as it is
        return changed;
    }
}
