namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// Names the people an incident refers to by id (commander, assignee, who acted, whom a step paged), for what people read outside
/// the chat (the postmortem, the API), and finds a person of the chat by email address. The chat's own directory does it; without
/// one, ids stay ids and nobody is found.
/// </summary>
public interface IPeopleDirectory
{
    /// <summary>The display names of those of <paramref name="personIds"/> it knows; the others are left out.</summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken);

    /// <summary>
    /// The person of the chat whose email address is <paramref name="email"/>, for someone who signed in elsewhere with that
    /// (verified) address; answers soon, with why nobody was found when the chat is slow or down.
    /// </summary>
    Task<PersonMatch> FindByEmailAsync(string email, CancellationToken cancellationToken);
}
