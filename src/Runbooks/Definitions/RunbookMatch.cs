namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>
/// Which alerts a runbook fits: the alert's name is one of <see cref="AlertNames"/> (any when empty) and every label in
/// <see cref="Labels"/> has that value. A runbook with neither matches no alert: it is run by hand only.
/// </summary>
public sealed record RunbookMatch(IReadOnlyList<string> AlertNames, IReadOnlyDictionary<string, string> Labels)
{
    public static RunbookMatch Nothing { get; } = new([], new Dictionary<string, string>());

    public bool Matches(IReadOnlyDictionary<string, string> alertLabels)
    {
        if (AlertNames.Count == 0 && Labels.Count == 0)
        {
            return false;
        }
        bool nameFits = AlertNames.Count == 0
            || (alertLabels.TryGetValue("alertname", out string? name) && AlertNames.Contains(name, StringComparer.Ordinal));
        return nameFits && Labels.All(label => alertLabels.TryGetValue(label.Key, out string? value) && value == label.Value);
    }
}
