namespace ChatOpsIncidents.Runbooks.Definitions;

internal sealed class ParameterFrontMatter
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Default { get; set; }

    public string? Pattern { get; set; }
}
