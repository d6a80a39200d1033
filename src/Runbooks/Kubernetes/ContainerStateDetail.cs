namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>A waiting or terminated container state: a reason such as <c>CrashLoopBackOff</c> or <c>OOMKilled</c>.</summary>
public sealed record ContainerStateDetail
{
    public string? Reason { get; init; }

    public string? Message { get; init; }

    public int? ExitCode { get; init; }

    public string Describe() => string.Join(", ", new[] { Reason, ExitCode is { } code ? $"exit code {code}" : null, Message }.Where(part => !string.IsNullOrEmpty(part)));
}
