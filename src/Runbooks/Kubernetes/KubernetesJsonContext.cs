using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>The Kubernetes wire format: camelCase, nulls left out (so patches carry only what they change).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(Scale))]
[JsonSerializable(typeof(PodList))]
[JsonSerializable(typeof(EventList))]
[JsonSerializable(typeof(KubernetesStatus))]
[JsonSerializable(typeof(RestartPatch))]
[JsonSerializable(typeof(ScalePatch))]
internal sealed partial class KubernetesJsonContext : JsonSerializerContext;
