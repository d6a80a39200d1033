namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// Names the people an incident refers to by id (commander, assignee, who acted, whom a step paged), for what people read outside
/// the chat (the postmortem, the API). The chat's own directory does it; without one, ids stay ids.
/// </summary>
public interface IPeopleDirectory
{
    /// <summary>The display names of those of <paramref name="personIds"/> it knows; the others are left out.</summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken);
}
