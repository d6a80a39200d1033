namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>The parts of <c>metadata</c> the bot reads. Missing numbers are 0, missing maps empty (the API omits zero values).</summary>
public sealed record ObjectMeta
{
    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public string? ResourceVersion { get; init; }

    public long Generation { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public Dictionary<string, string>? Annotations { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }
}
