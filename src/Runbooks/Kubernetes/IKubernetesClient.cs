namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// The Kubernetes API calls runbooks make: read, restart and scale a deployment, list its pods, read their logs and the
/// events about them (<c>deploy/kubernetes/rbac.yaml</c> grants exactly these). Every failure throws
/// <see cref="KubernetesException"/>; a name that is not DNS-1123 throws <see cref="InvalidKubernetesNameException"/> before
/// anything is sent.
/// </summary>
public interface IKubernetesClient
{
    Task<Deployment> GetDeploymentAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>What <c>kubectl rollout restart</c> does; refuses a paused deployment like kubectl. Returns the patched deployment.</summary>
    Task<Deployment> RestartDeploymentAsync(string ns, string name, DateTimeOffset restartedAt, CancellationToken cancellationToken);

    Task<Scale> GetScaleAsync(string ns, string name, CancellationToken cancellationToken);

    Task<Scale> ScaleDeploymentAsync(string ns, string name, int replicas, CancellationToken cancellationToken);

    Task<IReadOnlyList<Pod>> ListPodsAsync(string ns, string labelSelector, CancellationToken cancellationToken);

    Task<string> GetPodLogsAsync(string ns, string pod, PodLogOptions options, CancellationToken cancellationToken);

    Task<IReadOnlyList<KubernetesEvent>> ListEventsAsync(string ns, string kind, string name, CancellationToken cancellationToken);
}
