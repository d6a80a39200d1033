namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>
/// A runbook as loaded from its Markdown file: what it is for, which alerts it fits, its parameters and steps, and the
/// guards on running it. <see cref="Body"/> is the human procedure (Markdown).
/// </summary>
public sealed record Runbook(string Id, string Title, string Summary, string File)
{
    public RunbookMatch Match { get; init; } = RunbookMatch.Nothing;

    public IReadOnlyList<RunbookParameter> Parameters { get; init; } = [];

    public IReadOnlyList<RunbookStep> Steps { get; init; } = [];

    /// <summary>The deployments its Kubernetes steps may act on; empty lets them act on any in <c>Kubernetes:AllowedNamespaces</c>.</summary>
    public IReadOnlyList<RunbookTarget> Targets { get; init; } = [];

    /// <summary>Ask before running even when no step changes the cluster.</summary>
    public bool Confirm { get; init; }

    /// <summary>Slack user ids (<c>U…</c>) and user-group handles (<c>@sre</c>); empty lets any responder run it.</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];

    /// <summary>May run by itself when a matching alert fires, at most <see cref="MaxRunsPerHour"/> times an hour on each target.</summary>
    public bool Auto { get; init; }

    public int MaxRunsPerHour { get; init; }

    /// <summary>
    /// How many automatic runs an hour all targets together may have: <see cref="MaxRunsPerHour"/> for each declared target,
    /// so one noisy target cannot use up the others' runs.
    /// </summary>
    public int MaxRunsPerHourInAll => MaxRunsPerHour * Math.Max(1, Targets.Count);

    public string Body { get; init; } = "";

    public bool ChangesCluster => Steps.Any(step => step.ChangesCluster);

    /// <summary>People confirm before it runs: when the file says so, or when a step changes the cluster.</summary>
    public bool NeedsConfirmation => Confirm || ChangesCluster;

    public bool UsesKubernetes => Steps.Any(step => step.UsesKubernetes);
}
