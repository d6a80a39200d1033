namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// One request to the API server as it goes on the wire (method, path with query relative to the server URL, content type,
/// body), with what it does in RBAC terms (<paramref name="Verb"/> on <paramref name="Resource"/> in
/// <paramref name="Namespace"/>) so errors can say it in words. A dry run shows these and sends none.
/// </summary>
public sealed record KubernetesRequest(HttpMethod Method, string Path, string Verb, string Resource, string Namespace, string? Name)
{
    public string? ContentType { get; init; }

    public string? Body { get; init; }

    /// <summary>"PATCH /apis/… (application/strategic-merge-patch+json) {…}", as a dry run shows it.</summary>
    public override string ToString() => Body is null ? $"{Method} {Path}" : $"{Method} {Path} ({ContentType}) {Body}";
}
