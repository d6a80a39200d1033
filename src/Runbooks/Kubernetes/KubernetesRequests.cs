using System.Globalization;
using System.Text.Json;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// Builds the requests the bot sends, in the API server's REST paths (<c>/apis/apps/v1/namespaces/{ns}/deployments/{name}</c>,
/// <c>/api/v1/namespaces/{ns}/pods</c>…): the same for a real call and for a dry run.
/// Names are checked here, before any request exists, so nothing malformed can reach the API server.
/// </summary>
public static class KubernetesRequests
{
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string FieldManager = "chatops-incidents";

    public static KubernetesRequest GetDeployment(string ns, string name) =>
        new(HttpMethod.Get, DeploymentPath(ns, name), "get", "deployments", ns, name);

    /// <summary>The patch <c>kubectl rollout restart</c> sends, stamped with <paramref name="restartedAt"/> in UTC to the second.</summary>
    public static KubernetesRequest RestartDeployment(string ns, string name, DateTimeOffset restartedAt)
    {
        string stamp = restartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new(HttpMethod.Patch, $"{DeploymentPath(ns, name)}?fieldManager={FieldManager}", "patch", "deployments", ns, name)
        {
            ContentType = StrategicMergePatch,
            Body = JsonSerializer.Serialize(RestartPatch.At(stamp), KubernetesJsonContext.Default.RestartPatch),
        };
    }

    public static KubernetesRequest GetScale(string ns, string name) =>
        new(HttpMethod.Get, $"{DeploymentPath(ns, name)}/scale", "get", "deployments/scale", ns, name);

    public static KubernetesRequest ScaleDeployment(string ns, string name, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        return new(HttpMethod.Patch, $"{DeploymentPath(ns, name)}/scale?fieldManager={FieldManager}", "patch", "deployments/scale", ns, name)
        {
            ContentType = MergePatch,
            Body = JsonSerializer.Serialize(new ScalePatch(new ScaleSpec(replicas)), KubernetesJsonContext.Default.ScalePatch),
        };
    }

    public static KubernetesRequest ListPods(string ns, string labelSelector) =>
        new(HttpMethod.Get, $"/api/v1/namespaces/{Namespace(ns)}/pods?labelSelector={Uri.EscapeDataString(labelSelector)}", "list", "pods", ns, null);

    public static KubernetesRequest PodLogs(string ns, string pod, string container, bool previous, int tailLines, int limitBytes)
    {
        DnsName.RequireSubdomain(pod, "pod name");
        DnsName.RequireLabel(container, "container name");
        string query = string.Create(CultureInfo.InvariantCulture,
            $"container={container}&tailLines={tailLines}&limitBytes={limitBytes}{(previous ? "&previous=true" : "")}");
        return new(HttpMethod.Get, $"/api/v1/namespaces/{Namespace(ns)}/pods/{pod}/log?{query}", "get", "pods/log", ns, pod) { ExpectsText = true };
    }

    /// <summary>core/v1 events about one object.</summary>
    public static KubernetesRequest ListEvents(string ns, string kind, string name)
    {
        DnsName.RequireSubdomain(name, $"{kind} name");
        string selector = Uri.EscapeDataString($"involvedObject.kind={kind},involvedObject.name={name}");
        return new(HttpMethod.Get, $"/api/v1/namespaces/{Namespace(ns)}/events?fieldSelector={selector}", "list", "events", ns, null);
    }

    private static string DeploymentPath(string ns, string name)
    {
        DnsName.RequireSubdomain(name, "deployment name");
        return $"/apis/apps/v1/namespaces/{Namespace(ns)}/deployments/{name}";
    }

    private static string Namespace(string ns)
    {
        DnsName.RequireLabel(ns, "namespace");
        return ns;
    }
}
