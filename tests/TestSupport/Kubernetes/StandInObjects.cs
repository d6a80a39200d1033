using System.Text.Json.Nodes;

namespace ChatOpsIncidents.TestSupport.Kubernetes;

/// <summary>Real-shaped JSON for the stand-in's objects, and what the API server does to them (merge patches, the deployment controller's status).</summary>
internal static class StandInObjects
{
    public static JsonObject Metadata(string ns, string name, string resourceVersion, JsonObject labels, JsonObject annotations, long? generation = null, (string Kind, string Name, string Uid)? owner = null)
    {
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["uid"] = Guid.NewGuid().ToString(),
            ["resourceVersion"] = resourceVersion,
            ["labels"] = labels.DeepClone(),
            ["annotations"] = annotations,
            ["creationTimestamp"] = "2025-11-04T10:00:00Z",
        };
        if (generation is { } value)
        {
            metadata["generation"] = value;
        }
        if (owner is { } o)
        {
            metadata["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = o.Kind, ["name"] = o.Name, ["uid"] = o.Uid, ["controller"] = true });
        }
        return metadata;
    }

    /// <summary>The status the deployment controller would report: all replicas updated and available, stuck, or still rolling.</summary>
    public static void Settle(JsonObject deployment, bool complete, bool waiting = false)
    {
        int replicas = deployment["spec"]!["replicas"]?.GetValue<int>() ?? 1;
        (string status, string reason, string message) = waiting ? ("True", "ReplicaSetUpdated", "ReplicaSet is progressing.")
            : complete ? ("True", "NewReplicaSetAvailable", "ReplicaSet has successfully progressed.")
            : ("False", "ProgressDeadlineExceeded", "ReplicaSet has timed out progressing.");
        deployment["status"] = new JsonObject
        {
            ["observedGeneration"] = deployment["metadata"]!["generation"]!.GetValue<long>(),
            ["replicas"] = replicas,
            ["updatedReplicas"] = complete && !waiting ? replicas : 0,
            ["readyReplicas"] = replicas,
            ["availableReplicas"] = replicas,
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable", ["message"] = "Deployment has minimum availability." },
                new JsonObject { ["type"] = "Progressing", ["status"] = status, ["reason"] = reason, ["message"] = message }),
        };
    }

    public static JsonObject Pod(string ns, string name, string container, JsonObject labels, string replicaSet) => new()
    {
        ["kind"] = "Pod",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = labels.DeepClone(),
            ["creationTimestamp"] = "2026-03-01T10:00:00Z",
            ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = replicaSet, ["controller"] = true }),
        },
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

    /// <summary>JSON merge patch (RFC 7386); for maps, a strategic-merge patch does the same.</summary>
    public static void Merge(JsonObject target, JsonObject patch)
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
}
