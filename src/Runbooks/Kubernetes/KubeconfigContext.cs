namespace ChatOpsIncidents.Runbooks.Kubernetes;

internal sealed class KubeconfigContext
{
    public string? Cluster { get; set; }

    public string? User { get; set; }

    public string? Namespace { get; set; }
}
