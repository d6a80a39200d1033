using k8s;
using k8s.Models;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// The Kubernetes calls runbook steps make, in the official client's models. Every failure throws
/// <see cref="KubernetesCallException"/> saying in words what went wrong; a name that is not DNS-1123 throws
/// <see cref="InvalidKubernetesNameException"/> before anything is sent.
/// </summary>
public interface IKubernetesClient
{
    /// <summary>The API server's URL.</summary>
    Uri Server { get; }

    Task<V1Deployment> GetDeploymentAsync(DeploymentRef deployment, CancellationToken cancellationToken);

    /// <summary>What <c>kubectl rollout restart</c> does; refuses a paused deployment like kubectl. Returns the patched deployment.</summary>
    Task<V1Deployment> RestartDeploymentAsync(DeploymentRef deployment, DateTimeOffset restartedAt, CancellationToken cancellationToken);

    Task<V1Scale> GetScaleAsync(DeploymentRef deployment, CancellationToken cancellationToken);

    Task<V1Scale> ScaleDeploymentAsync(DeploymentRef deployment, int replicas, CancellationToken cancellationToken);

    /// <summary>The HorizontalPodAutoscaler (autoscaling/v2) whose target is the deployment, if one is.</summary>
    Task<V2HorizontalPodAutoscaler?> FindAutoscalerAsync(DeploymentRef deployment, CancellationToken cancellationToken);

    Task<V2HorizontalPodAutoscaler> RaiseAutoscalerMinimumAsync(string ns, string autoscaler, int minReplicas, CancellationToken cancellationToken);

    /// <summary>The deployment as a one-item list, with the resource version to watch from.</summary>
    Task<V1DeploymentList> ListDeploymentAsync(DeploymentRef deployment, CancellationToken cancellationToken);

    /// <summary>Changes of the deployment after <paramref name="resourceVersion"/>, until the server ends the watch after <paramref name="timeoutSeconds"/>.</summary>
    IAsyncEnumerable<(WatchEventType Type, V1Deployment Deployment)> WatchDeploymentAsync(
        DeploymentRef deployment, string resourceVersion, int timeoutSeconds, CancellationToken cancellationToken);

    Task<IList<V1ReplicaSet>> ListReplicaSetsAsync(string ns, string labelSelector, CancellationToken cancellationToken);

    Task<IList<V1Pod>> ListPodsAsync(string ns, string labelSelector, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="tailLines"/> lines, at most <paramref name="limitBytes"/>, of the current or previous container.</summary>
    Task<string> GetPodLogsAsync(string ns, string pod, string container, bool previous, int tailLines, int limitBytes, CancellationToken cancellationToken);

    Task<IList<Corev1Event>> ListEventsAsync(string ns, string kind, string name, CancellationToken cancellationToken);
}
