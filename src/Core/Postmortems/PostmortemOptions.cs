namespace ChatOpsIncidents.Core.Postmortems;

public sealed class PostmortemOptions
{
    public const string Section = "Postmortems";

    /// <summary>A Scriban Markdown template replacing the built-in templates/postmortem.md; empty uses the built-in one.</summary>
    public string? TemplatePath { get; set; }
}
