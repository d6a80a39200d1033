using System.Text.Json.Nodes;

namespace ChatOpsIncidents.TestSupport.Kubernetes;

/// <summary>
/// The API discovery documents a client such as kubectl reads before it builds a request (legacy discovery: it falls back to
/// these when the server does not offer the aggregated form): the core group and the groups and resources the stand-in
/// serves, with their verbs and the kinds of their subresources, and the RBAC and networking kinds the deploy/ files hold
/// (not served: for <c>kubectl apply --dry-run=client</c>, which only looks them up).
/// </summary>
internal static class StandInDiscovery
{
    public static JsonObject? Document(string path) => path switch
    {
        "/version" => new JsonObject { ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.4", ["platform"] = "linux/amd64" },
        "/api" => new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"), ["serverAddressByClientCIDRs"] = new JsonArray() },
        "/apis" => new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray(
                Group("apps", "v1"), Group("autoscaling", "v2", "v1"), Group("rbac.authorization.k8s.io", "v1"), Group("networking.k8s.io", "v1")),
        },
        "/api/v1" => Resources("v1",
            Resource("pods", "Pod", namespaced: true, "get list watch"),
            Resource("pods/log", "Pod", namespaced: true, "get"),
            Resource("events", "Event", namespaced: true, "get list watch"),
            Resource("namespaces", "Namespace", namespaced: false, "get list")),
        "/apis/apps/v1" => Resources("apps/v1",
            Resource("deployments", "Deployment", namespaced: true, "get list watch patch update"),
            Resource("deployments/scale", "Scale", namespaced: true, "get patch update", "autoscaling/v1"),
            Resource("deployments/status", "Deployment", namespaced: true, "get"),
            Resource("replicasets", "ReplicaSet", namespaced: true, "get list watch")),
        "/apis/autoscaling/v2" => Resources("autoscaling/v2",
            Resource("horizontalpodautoscalers", "HorizontalPodAutoscaler", namespaced: true, "get list watch patch")),
        "/apis/autoscaling/v1" => Resources("autoscaling/v1",
            Resource("horizontalpodautoscalers", "HorizontalPodAutoscaler", namespaced: true, "get list watch patch")),
        "/apis/rbac.authorization.k8s.io/v1" => Resources("rbac.authorization.k8s.io/v1",
            Resource("roles", "Role", namespaced: true, "get list create patch"),
            Resource("rolebindings", "RoleBinding", namespaced: true, "get list create patch")),
        "/apis/networking.k8s.io/v1" => Resources("networking.k8s.io/v1",
            Resource("networkpolicies", "NetworkPolicy", namespaced: true, "get list create patch")),
        _ => null,
    };

    private static JsonObject Group(string name, params string[] versions) => new()
    {
        ["name"] = name,
        ["versions"] = new JsonArray([.. versions.Select(v => new JsonObject { ["groupVersion"] = $"{name}/{v}", ["version"] = v })]),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{versions[0]}", ["version"] = versions[0] },
    };

    private static JsonObject Resources(string groupVersion, params JsonObject[] resources) => new()
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = groupVersion,
        ["resources"] = new JsonArray(resources),
    };

    /// <summary>A resource with its space-separated verbs; a subresource of another kind names that kind's group and version.</summary>
    private static JsonObject Resource(string name, string kind, bool namespaced, string verbs, string? kindGroupVersion = null)
    {
        var resource = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = name.Contains('/', StringComparison.Ordinal) ? "" : kind.ToLowerInvariant(),
            ["namespaced"] = namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray([.. verbs.Split(' ').Select(verb => (JsonNode)verb)]),
        };
        if (kindGroupVersion?.Split('/') is [string group, string version])
        {
            resource["group"] = group;
            resource["version"] = version;
        }
        return resource;
    }
}
