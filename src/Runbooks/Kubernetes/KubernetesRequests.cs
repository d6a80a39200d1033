using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// The requests the bot sends, described the way the official client puts them on the wire (path, query in the client's
/// order, lists with <c>watch=false</c>, content type, body): <see cref="KubernetesClient"/> sends the patch bodies built here, and a dry run shows these
/// descriptions. A test holds them to what the client really sends. Names are checked before any request exists.
/// </summary>
public static class KubernetesRequests
{
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string FieldManager = "chatops-incidents";

    /// <summary>The pod-template annotation <c>kubectl rollout restart</c> sets; changing it rolls the pods.</summary>
    public const string RestartedAt = "kubectl.kubernetes.io/restartedAt";

    public static KubernetesRequest GetDeployment(DeploymentRef deployment) =>
        new(HttpMethod.Get, DeploymentPath(deployment), "get", "deployments", deployment.Namespace, deployment.Name);

    /// <summary>The patch <c>kubectl rollout restart</c> sends, stamped with <paramref name="restartedAt"/> in UTC to the second.</summary>
    public static KubernetesRequest RestartDeployment(DeploymentRef deployment, DateTimeOffset restartedAt)
    {
        string stamp = restartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RestartedAt] = stamp } } } },
        };
        return new(HttpMethod.Patch, $"{DeploymentPath(deployment)}?fieldManager={FieldManager}", "patch", "deployments", deployment.Namespace, deployment.Name)
        {
            ContentType = StrategicMergePatch,
            Body = patch.ToJsonString(),
        };
    }

    public static KubernetesRequest GetScale(DeploymentRef deployment) =>
        new(HttpMethod.Get, $"{DeploymentPath(deployment)}/scale", "get", "deployments/scale", deployment.Namespace, deployment.Name);

    public static KubernetesRequest ScaleDeployment(DeploymentRef deployment, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        return new(HttpMethod.Patch, $"{DeploymentPath(deployment)}/scale?fieldManager={FieldManager}", "patch", "deployments/scale", deployment.Namespace, deployment.Name)
        {
            ContentType = MergePatch,
            Body = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }.ToJsonString(),
        };
    }

    /// <summary>The deployment as a one-item list: where <see cref="WatchDeployment"/> starts, as <c>kubectl rollout status</c> does.</summary>
    public static KubernetesRequest ListDeployment(DeploymentRef deployment) =>
        new(HttpMethod.Get, $"{DeploymentsPath(deployment)}?fieldSelector={NameSelector(deployment)}&watch=false", "list", "deployments", deployment.Namespace, null);

    public static KubernetesRequest WatchDeployment(DeploymentRef deployment, string resourceVersion, int timeoutSeconds) => new(
        HttpMethod.Get,
        $"{DeploymentsPath(deployment)}?allowWatchBookmarks=true&fieldSelector={NameSelector(deployment)}&resourceVersion={Uri.EscapeDataString(resourceVersion)}&timeoutSeconds={timeoutSeconds}&watch=true",
        "watch", "deployments", deployment.Namespace, null);

    public static KubernetesRequest ListReplicaSets(string ns, string labelSelector) =>
        new(HttpMethod.Get, $"/apis/apps/v1/namespaces/{Namespace(ns)}/replicasets?labelSelector={Uri.EscapeDataString(labelSelector)}&watch=false", "list", "replicasets", ns, null);

    public static KubernetesRequest ListAutoscalers(string ns) =>
        new(HttpMethod.Get, $"/apis/autoscaling/v2/namespaces/{Namespace(ns)}/horizontalpodautoscalers?watch=false", "list", "horizontalpodautoscalers", ns, null);

    /// <summary>Raises a HorizontalPodAutoscaler's minimum: what a scale step does instead of scaling when it is told to.</summary>
    public static KubernetesRequest RaiseAutoscalerMinimum(string ns, string autoscaler, int minReplicas)
    {
        DnsName.RequireSubdomain(autoscaler, "HorizontalPodAutoscaler name");
        return new(HttpMethod.Patch, $"/apis/autoscaling/v2/namespaces/{Namespace(ns)}/horizontalpodautoscalers/{autoscaler}?fieldManager={FieldManager}",
            "patch", "horizontalpodautoscalers", ns, autoscaler)
        {
            ContentType = MergePatch,
            Body = new JsonObject { ["spec"] = new JsonObject { ["minReplicas"] = minReplicas } }.ToJsonString(),
        };
    }

    public static KubernetesRequest ListPods(string ns, string labelSelector) =>
        new(HttpMethod.Get, $"/api/v1/namespaces/{Namespace(ns)}/pods?labelSelector={Uri.EscapeDataString(labelSelector)}&watch=false", "list", "pods", ns, null);

    public static KubernetesRequest PodLogs(string ns, string pod, string container, bool previous, int tailLines, int limitBytes)
    {
        DnsName.RequireSubdomain(pod, "pod name");
        DnsName.RequireLabel(container, "container name");
        string query = string.Create(CultureInfo.InvariantCulture,
            $"container={container}&limitBytes={limitBytes}&previous={(previous ? "true" : "false")}&tailLines={tailLines}");
        return new(HttpMethod.Get, $"/api/v1/namespaces/{Namespace(ns)}/pods/{pod}/log?{query}", "get", "pods/log", ns, pod);
    }

    /// <summary>core/v1 events about one object.</summary>
    public static KubernetesRequest ListEvents(string ns, string kind, string name)
    {
        DnsName.RequireSubdomain(name, $"{kind} name");
        string selector = Uri.EscapeDataString(EventSelector(kind, name));
        return new(HttpMethod.Get, $"/api/v1/namespaces/{Namespace(ns)}/events?fieldSelector={selector}&watch=false", "list", "events", ns, null);
    }

    internal static string EventSelector(string kind, string name) => $"involvedObject.kind={kind},involvedObject.name={name}";

    internal static string NameSelectorText(DeploymentRef deployment) => $"metadata.name={deployment.Name}";

    private static string NameSelector(DeploymentRef deployment) => Uri.EscapeDataString(NameSelectorText(deployment));

    private static string DeploymentsPath(DeploymentRef deployment) => $"/apis/apps/v1/namespaces/{deployment.Namespace}/deployments";

    private static string DeploymentPath(DeploymentRef deployment) => $"{DeploymentsPath(deployment)}/{deployment.Name}";

    private static string Namespace(string ns)
    {
        DnsName.RequireLabel(ns, "namespace");
        return ns;
    }
}
