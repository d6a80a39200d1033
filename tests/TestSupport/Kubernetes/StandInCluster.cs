using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsIncidents.TestSupport.Kubernetes;

/// <summary>
/// The Kubernetes stand-in's objects, real-shaped JSON: deployments with their ReplicaSet and pods, autoscalers, pod logs
/// and events. A restart patch or a scale bumps the deployment's generation and completes the rollout at once, or stalls
/// it (<see cref="RolloutsComplete"/>), or leaves it going until <see cref="FinishRollouts"/> (<see cref="RolloutsWait"/>);
/// every change is told to the watchers of that deployment.
/// </summary>
public sealed class StandInCluster
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _deployments = [];
    private readonly List<JsonObject> _replicaSets = [];
    private readonly List<JsonObject> _pods = [];
    private readonly List<JsonObject> _events = [];
    private readonly List<JsonObject> _autoscalers = [];
    private readonly Dictionary<string, string> _logs = [];
    private readonly List<(string Key, Action<JsonObject> Changed)> _watchers = [];
    private int _resourceVersion = 48213377;

    /// <summary>False: the next rollouts end with ProgressDeadlineExceeded, as a stuck rollout does.</summary>
    public bool RolloutsComplete { get; set; } = true;

    /// <summary>True: the next rollouts stay in progress until <see cref="FinishRollouts"/>.</summary>
    public bool RolloutsWait { get; set; }

    public void AddDeployment(string ns, string name, int replicas = 3, int pods = 2)
    {
        var labels = new JsonObject { ["app.kubernetes.io/name"] = name };
        var deployment = new JsonObject
        {
            ["kind"] = "Deployment",
            ["apiVersion"] = "apps/v1",
            ["metadata"] = StandInObjects.Metadata(ns, name, NextVersion(), labels, new JsonObject { ["deployment.kubernetes.io/revision"] = "6" }, generation: 8),
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
        StandInObjects.Settle(deployment, complete: true);
        string uid = deployment["metadata"]!["uid"]!.GetValue<string>();
        string replicaSet = $"{name}-7c9d8f6b5";
        lock (_lock)
        {
            _deployments[$"{ns}/{name}"] = deployment;
            _replicaSets.Add(new JsonObject
            {
                ["kind"] = "ReplicaSet",
                ["apiVersion"] = "apps/v1",
                ["metadata"] = StandInObjects.Metadata(ns, replicaSet, NextVersion(), labels, new JsonObject { ["deployment.kubernetes.io/revision"] = "6" }, owner: ("Deployment", name, uid)),
                ["spec"] = new JsonObject { ["replicas"] = replicas },
                ["status"] = new JsonObject { ["replicas"] = replicas, ["readyReplicas"] = pods },
            });
            for (int i = 0; i < pods; i++)
            {
                _pods.Add(StandInObjects.Pod(ns, $"{replicaSet}-pod{i}", name, labels, replicaSet));
            }
        }
    }

    /// <summary>Makes a pod's container crash: not ready, restarted, last ended with an error; its previous logs say why.</summary>
    public void CrashLoop(string ns, string pod, string previousLogs)
    {
        lock (_lock)
        {
            JsonObject container = Find(_pods, ns, pod)["status"]!["containerStatuses"]![0]!.AsObject();
            container["ready"] = false;
            container["restartCount"] = 7;
            container["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = "back-off 5m0s restarting failed container" } };
            container["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 1, ["reason"] = "Error", ["finishedAt"] = "2026-03-02T09:12:40Z" } };
            _logs[$"{ns}/{pod}/{container["name"]}/previous"] = previousLogs;
        }
        AddEvent(ns, "Pod", pod, "Warning", "BackOff", $"Back-off restarting failed container in pod {pod}", count: 27);
    }

    /// <summary>An event about an object, such as a ReplicaSet's <c>FailedCreate</c>.</summary>
    public void AddEvent(string ns, string kind, string name, string type, string reason, string message, int count = 1)
    {
        lock (_lock)
        {
            _events.Add(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = $"{name}.18a9c3f2b7e4d{_events.Count:000}", ["namespace"] = ns, ["creationTimestamp"] = "2026-03-02T09:12:40Z" },
                ["involvedObject"] = new JsonObject { ["kind"] = kind, ["namespace"] = ns, ["name"] = name },
                ["reason"] = reason,
                ["message"] = message,
                ["type"] = type,
                ["count"] = count,
                ["firstTimestamp"] = "2026-03-02T09:12:40Z",
                ["lastTimestamp"] = "2026-03-02T09:20:02Z",
            });
        }
    }

    /// <summary>An autoscaling/v2 HorizontalPodAutoscaler on the deployment.</summary>
    public void AddAutoscaler(string ns, string name, string deployment, int min, int max)
    {
        lock (_lock)
        {
            _autoscalers.Add(new JsonObject
            {
                ["kind"] = "HorizontalPodAutoscaler",
                ["apiVersion"] = "autoscaling/v2",
                ["metadata"] = StandInObjects.Metadata(ns, name, NextVersion(), new JsonObject(), new JsonObject()),
                ["spec"] = new JsonObject
                {
                    ["scaleTargetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = deployment },
                    ["minReplicas"] = min,
                    ["maxReplicas"] = max,
                },
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

    public JsonObject? Autoscaler(string ns, string name)
    {
        lock (_lock)
        {
            return _autoscalers.SingleOrDefault(a => Is(a, ns, name))?.DeepClone().AsObject();
        }
    }

    /// <summary>Ends every rollout in progress successfully, as the deployment controller would once the new pods are ready.</summary>
    public void FinishRollouts()
    {
        List<JsonObject> finished;
        lock (_lock)
        {
            finished = [.. _deployments.Values.Where(d => d["status"]!["updatedReplicas"]!.GetValue<int>() < (d["spec"]!["replicas"]?.GetValue<int>() ?? 1))];
            foreach (JsonObject deployment in finished)
            {
                StandInObjects.Settle(deployment, complete: true);
                deployment["metadata"]!["resourceVersion"] = NextVersion();
            }
        }
        finished.ForEach(Tell);
    }

    internal JsonObject? Patch(string ns, string name, JsonObject patch, bool scale)
    {
        JsonObject changed;
        lock (_lock)
        {
            if (!_deployments.TryGetValue($"{ns}/{name}", out JsonObject? deployment))
            {
                return null;
            }
            string before = deployment["spec"]!.ToJsonString();
            StandInObjects.Merge(deployment, scale ? new JsonObject { ["spec"] = new JsonObject { ["replicas"] = patch["spec"]?["replicas"]?.DeepClone() } } : patch);
            if (deployment["spec"]!.ToJsonString() != before)
            {
                deployment["metadata"]!["generation"] = deployment["metadata"]!["generation"]!.GetValue<long>() + 1;
                StandInObjects.Settle(deployment, RolloutsComplete, RolloutsWait);
            }
            deployment["metadata"]!["resourceVersion"] = NextVersion();
            changed = deployment.DeepClone().AsObject();
        }
        Tell(changed);
        return changed;
    }

    internal JsonObject? PatchAutoscaler(string ns, string name, JsonObject patch)
    {
        lock (_lock)
        {
            JsonObject? autoscaler = _autoscalers.SingleOrDefault(a => Is(a, ns, name));
            if (autoscaler is not null)
            {
                StandInObjects.Merge(autoscaler, patch);
                autoscaler["metadata"]!["resourceVersion"] = NextVersion();
            }
            return autoscaler?.DeepClone().AsObject();
        }
    }

    /// <summary>Calls <paramref name="changed"/> with the deployment after each change until disposed.</summary>
    internal IDisposable Watch(string ns, string name, Action<JsonObject> changed)
    {
        var watcher = ($"{ns}/{name}", changed);
        lock (_lock)
        {
            _watchers.Add(watcher);
        }
        return new Unsubscriber(() =>
        {
            lock (_lock)
            {
                _watchers.Remove(watcher);
            }
        });
    }

    internal List<JsonObject> Deployments(string ns, string? name) => Select(_deployments.Values, ns, name, null);

    internal List<JsonObject> ReplicaSets(string ns, IReadOnlyDictionary<string, string> selector) => Select(_replicaSets, ns, null, selector);

    internal List<JsonObject> Pods(string ns, IReadOnlyDictionary<string, string> selector) => Select(_pods, ns, null, selector);

    internal JsonObject? Pod(string ns, string name) => Select(_pods, ns, name, null).SingleOrDefault();

    internal List<JsonObject> Autoscalers(string ns) => Select(_autoscalers, ns, null, null);

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

    private void Tell(JsonObject deployment)
    {
        string key = $"{deployment["metadata"]!["namespace"]}/{deployment["metadata"]!["name"]}";
        List<Action<JsonObject>> watchers;
        lock (_lock)
        {
            watchers = [.. _watchers.Where(w => w.Key == key).Select(w => w.Changed)];
        }
        watchers.ForEach(changed => changed(deployment.DeepClone().AsObject()));
    }

    private List<JsonObject> Select(IEnumerable<JsonObject> objects, string ns, string? name, IReadOnlyDictionary<string, string>? selector)
    {
        lock (_lock)
        {
            return [.. objects
                .Where(o => Is(o, ns, name ?? o["metadata"]!["name"]!.GetValue<string>()))
                .Where(o => selector is null || selector.All(s => o["metadata"]!["labels"]?[s.Key]?.GetValue<string>() == s.Value))
                .Select(o => o.DeepClone().AsObject())];
        }
    }

    private static bool Is(JsonObject item, string ns, string name) =>
        item["metadata"]!["namespace"]!.GetValue<string>() == ns && item["metadata"]!["name"]!.GetValue<string>() == name;

    private static JsonObject Find(List<JsonObject> items, string ns, string name) => items.Single(item => Is(item, ns, name));

    private string NextVersion() => Interlocked.Increment(ref _resourceVersion).ToString(CultureInfo.InvariantCulture);

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
