using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>The postmortem draft of an incident as it stands now, rendered from its timeline.</summary>
public sealed class PostmortemDrafts(IncidentQueries queries, PostmortemRenderer renderer)
{
    /// <summary>The Markdown draft, or null when there is no such incident.</summary>
    public async Task<string?> RenderAsync(IncidentKey key, CancellationToken cancellationToken) =>
        await queries.FindAsync(key, cancellationToken) is { } incident ? renderer.Render(PostmortemDocument.From(incident)) : null;
}
