namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>The YAML front matter as written (snake_case); <see cref="RunbookLoader"/> checks it and builds the <see cref="Runbook"/>.</summary>
internal sealed class RunbookFrontMatter
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public MatchFrontMatter? Match { get; set; }

    public List<ParameterFrontMatter>? Params { get; set; }

    public List<StepFrontMatter>? Steps { get; set; }

    public List<TargetFrontMatter>? Targets { get; set; }

    public bool Confirm { get; set; }

    public List<string>? Allowed { get; set; }

    public bool Auto { get; set; }

    public int? MaxRunsPerHour { get; set; }
}
