namespace ChatOpsIncidents.Runbooks.Definitions;

internal sealed class MatchFrontMatter
{
    public List<string>? Alertname { get; set; }

    public Dictionary<string, string>? Labels { get; set; }
}
