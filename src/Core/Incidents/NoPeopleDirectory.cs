namespace ChatOpsIncidents.Core.Incidents;

/// <summary>The directory when no chat is connected: it knows nobody, so people are shown by id.</summary>
internal sealed class NoPeopleDirectory : IPeopleDirectory
{
    public Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public Task<PersonMatch> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(PersonMatch.None("no chat is connected"));
}
