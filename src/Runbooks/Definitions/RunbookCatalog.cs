namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>The runbooks the bot knows, loaded once at start-up from <c>Runbooks:Directory</c>.</summary>
public sealed class RunbookCatalog(IReadOnlyList<Runbook> runbooks)
{
    public IReadOnlyList<Runbook> All { get; } = runbooks;

    public Runbook? Find(string id) => All.FirstOrDefault(runbook => runbook.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The runbooks that fit any of these alerts (each alert given by its labels), in catalog order.</summary>
    public IReadOnlyList<Runbook> Matching(IEnumerable<IReadOnlyDictionary<string, string>> alerts)
    {
        List<IReadOnlyDictionary<string, string>> labels = [.. alerts];
        return [.. All.Where(runbook => labels.Any(runbook.Match.Matches))];
    }
}
