namespace ChatOpsIncidents.TestSupport.Kubernetes;

/// <summary>A request the Kubernetes stand-in received, as it came: method, path with query, headers that matter, body.</summary>
public sealed record RecordedKubernetesRequest(string Method, string PathAndQuery, string? ContentType, string? Authorization, string Body)
{
    public bool HadClientCertificate { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The content type without parameters such as <c>; charset=utf-8</c>.</summary>
    public string? MediaType => ContentType?.Split(';')[0].Trim();

    public string Path => PathAndQuery.Split('?')[0];

    /// <summary>The query's parameters, decoded.</summary>
    public IReadOnlyDictionary<string, string> Query => PathAndQuery.Contains('?', StringComparison.Ordinal)
        ? PathAndQuery.Split('?', 2)[1].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))
        : new Dictionary<string, string>();
}
