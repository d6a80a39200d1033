namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>A kubeconfig list entry: <c>name</c> plus the item under <c>cluster</c>, <c>user</c> or <c>context</c>.</summary>
internal sealed class Named<T>
    where T : class
{
    public string Name { get; set; } = "";

    public T? Cluster { get; set; }

    public T? User { get; set; }

    public T? Context { get; set; }

    public T? Item => Cluster ?? User ?? Context;
}
