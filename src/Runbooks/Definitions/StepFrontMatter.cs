namespace ChatOpsIncidents.Runbooks.Definitions;

internal sealed class StepFrontMatter
{
    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? Namespace { get; set; }

    public string? Deployment { get; set; }

    public string? Replicas { get; set; }

    public int? Min { get; set; }

    public int? Max { get; set; }

    public bool? RaiseAutoscalerMin { get; set; }

    public string? Timeout { get; set; }

    public string? Duration { get; set; }

    public string? Url { get; set; }

    public int? ExpectStatus { get; set; }

    public List<string>? AllowedHosts { get; set; }

    public int? TailLines { get; set; }

    public string? Object { get; set; }
}
