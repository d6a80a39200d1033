namespace ChatOpsIncidents.Runbooks.Definitions;

internal sealed class TargetFrontMatter
{
    public string? Namespace { get; set; }

    public string? Deployment { get; set; }
}
