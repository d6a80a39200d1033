namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>How a step went, in words; <see cref="Output"/> is long text to attach (diagnostics), if any.</summary>
public sealed record StepResult(bool Succeeded, string Detail, string? Output = null)
{
    public static StepResult Done(string detail, string? output = null) => new(true, detail, output);

    public static StepResult Failed(string reason, string? output = null) => new(false, reason, output);
}
