using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>The postmortem draft of an incident as it stands now, rendered from its timeline and its tracked follow-ups, people by name.</summary>
public sealed class PostmortemDrafts(IncidentQueries queries, FollowUpService followUps, PostmortemRenderer renderer, IPeopleDirectory people)
{
    /// <summary>The Markdown draft, or null when there is no such incident.</summary>
    public async Task<string?> RenderAsync(IncidentKey key, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(key, cancellationToken) is not { } incident)
        {
            return null;
        }
        IReadOnlyDictionary<string, string> names = await people.NamesAsync(incident.PeopleIds, cancellationToken);
        return renderer.Render(PostmortemDocument.From(incident, names, await followUps.OfAsync(incident.Id, cancellationToken)));
    }
}
