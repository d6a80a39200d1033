namespace ChatOpsIncidents.TestSupport.Kubernetes;

/// <summary>A request the Kubernetes stand-in received, as it came: method, path with query, headers that matter, body.</summary>
public sealed record RecordedKubernetesRequest(string Method, string PathAndQuery, string? ContentType, string? Authorization, string Body)
{
    public bool HadClientCertificate { get; init; }
}
