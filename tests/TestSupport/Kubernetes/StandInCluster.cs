using System.Text.Json.Nodes;

namespace ChatOpsIncidents.TestSupport.Kubernetes;

/// <summary>
/// The Kubernetes stand-in's objects, real-shaped JSON: deployments with their pods, pod logs and events. A restart patch
/// or a scale bumps the deployment's generation and, unless told to stall, completes the rollout at once.
/// </summary>
public sealed class StandInCluster
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _deployments = [];
    private readonly List<JsonObject> _pods = [];
    private readonly List<JsonObject> _events = [];
    private readonly Dictionary<string, string> _logs = [];
    private int _resourceVersion = 48213377;

    /// <summary>False: the next rollouts end with ProgressDeadlineExceeded, as a stuck rollout does.</summary>
    public bool RolloutsComplete { get; set; } = true;

    public void AddDeployment(string ns, string name, int replicas = 3, int pods = 2)
    {
        var labels = new JsonObject { ["app.kubernetes.io/name"] = name };
        var deployment = new JsonObject
        {
            ["kind"] = "Deployment",
            ["apiVersion"] = "apps/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = Guid.NewGuid().ToString(),
                ["resourceVersion"] = NextVersion(),
                ["generation"] = 8L,
                ["labels"] = labels.DeepClone(),
                ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = "6" },
                ["creationTimestamp"] = "2025-11-04T10:00:00Z",
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
                ["strategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" } },
                ["progressDeadlineSeconds"] = 600,
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = $"registry.example/{name}:1.14.2" }) },
                },
            },
        };
        Settle(deployment, complete: true);
        lock (_lock)
        {
            _deployments[$"{ns}/{name}"] = deployment;
            for (int i = 0; i < pods; i++)
            {
                _pods.Add(Pod(ns, $"{name}-7c9d8f6b5-pod{i}", name, labels));
            }
        }
    }

    /// <summary>Makes a pod's container crash: not ready, restarted, last ended with an error; its previous logs say why.</summary>
    public void CrashLoop(string ns, string pod, string previousLogs)
    {
        lock (_lock)
        {
            JsonObject found = _pods.Single(p => p["metadata"]!["namespace"]!.GetValue<string>() == ns && p["metadata"]!["name"]!.GetValue<string>() == pod);
            JsonObject container = found["status"]!["containerStatuses"]![0]!.AsObject();
            container["ready"] = false;
            container["restartCount"] = 7;
            container["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = "back-off 5m0s restarting failed container" } };
            container["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 1, ["reason"] = "Error", ["finishedAt"] = "2026-03-02T09:12:40Z" } };
            _logs[$"{ns}/{pod}/{container["name"]}/previous"] = previousLogs;
            _events.Add(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = pod + ".18a9c3f2b7e4d001", ["namespace"] = ns, ["creationTimestamp"] = "2026-03-02T09:12:40Z" },
                ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = ns, ["name"] = pod, ["apiVersion"] = "v1" },
                ["reason"] = "BackOff",
                ["message"] = $"Back-off restarting failed container {container["name"]} in pod {pod}",
                ["type"] = "Warning",
                ["count"] = 27,
                ["firstTimestamp"] = "2026-03-02T09:12:40Z",
                ["lastTimestamp"] = "2026-03-02T09:20:02Z",
            });
        }
    }

    public JsonObject? Deployment(string ns, string name)
    {
        lock (_lock)
        {
            return _deployments.GetValueOrDefault($"{ns}/{name}")?.DeepClone().AsObject();
        }
    }

    internal JsonObject? Patch(string ns, string name, JsonObject patch, bool scale)
    {
        lock (_lock)
        {
            if (!_deployments.TryGetValue($"{ns}/{name}", out JsonObject? deployment))
            {
                return null;
            }
            string before = deployment["spec"]!.ToJsonString();
            Merge(deployment, scale ? new JsonObject { ["spec"] = new JsonObject { ["replicas"] = patch["spec"]?["replicas"]?.DeepClone() } } : patch);
            if (deployment["spec"]!.ToJsonString() != before)
            {
                deployment["metadata"]!["generation"] = deployment["metadata"]!["generation"]!.GetValue<long>() + 1;
                Settle(deployment, RolloutsComplete);
            }
            deployment["metadata"]!["resourceVersion"] = NextVersion();
            return deployment.DeepClone().AsObject();
        }
    }

    internal List<JsonObject> Pods(string ns, IReadOnlyDictionary<string, string> selector)
    {
        lock (_lock)
        {
            return [.. _pods
                .Where(p => p["metadata"]!["namespace"]!.GetValue<string>() == ns)
                .Where(p => selector.All(s => p["metadata"]!["labels"]?[s.Key]?.GetValue<string>() == s.Value))
                .Select(p => p.DeepClone().AsObject())];
        }
    }

    internal bool HasPod(string ns, string pod)
    {
        lock (_lock)
        {
            return _pods.Any(p => p["metadata"]!["namespace"]!.GetValue<string>() == ns && p["metadata"]!["name"]!.GetValue<string>() == pod);
        }
    }

    internal string Logs(string ns, string pod, string container, bool previous)
    {
        lock (_lock)
        {
            return _logs.GetValueOrDefault($"{ns}/{pod}/{container}/{(previous ? "previous" : "current")}") ?? $"{pod} {container} listening on :8080\n";
        }
    }

    internal List<JsonObject> Events(string ns, string? kind, string? name)
    {
        lock (_lock)
        {
            return [.. _events
                .Where(e => e["metadata"]!["namespace"]!.GetValue<string>() == ns)
                .Where(e => kind is null || e["involvedObject"]!["kind"]!.GetValue<string>() == kind)
                .Where(e => name is null || e["involvedObject"]!["name"]!.GetValue<string>() == name)
                .Select(e => e.DeepClone().AsObject())];
        }
    }

    private string NextVersion() => Interlocked.Increment(ref _resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The status the deployment controller would report once it caught up: all replicas updated and available, or stuck.</summary>
    private static void Settle(JsonObject deployment, bool complete)
    {
        int replicas = deployment["spec"]!["replicas"]?.GetValue<int>() ?? 1;
        var progressing = complete
            ? new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["reason"] = "NewReplicaSetAvailable", ["message"] = "ReplicaSet has successfully progressed." }
            : new JsonObject { ["type"] = "Progressing", ["status"] = "False", ["reason"] = "ProgressDeadlineExceeded", ["message"] = "ReplicaSet has timed out progressing." };
        deployment["status"] = new JsonObject
        {
            ["observedGeneration"] = deployment["metadata"]!["generation"]!.GetValue<long>(),
            ["replicas"] = replicas,
            ["updatedReplicas"] = complete ? replicas : 0,
            ["readyReplicas"] = replicas,
            ["availableReplicas"] = replicas,
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable", ["message"] = "Deployment has minimum availability." },
                progressing),
        };
    }

    /// <summary>JSON merge patch (RFC 7386); for maps, a strategic-merge patch does the same.</summary>
    internal static void Merge(JsonObject target, JsonObject patch)
    {
        foreach ((string key, JsonNode? value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static JsonObject Pod(string ns, string name, string container, JsonObject labels) => new()
    {
        ["kind"] = "Pod",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels.DeepClone(), ["creationTimestamp"] = "2026-03-01T10:00:00Z" },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = container }) },
        ["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = container,
                ["ready"] = true,
                ["restartCount"] = 0,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-03-01T10:00:05Z" } },
            }),
        },
    };
}
