namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>The merge patch of the scale subresource: <c>{"spec":{"replicas":N}}</c>.</summary>
internal sealed record ScalePatch(ScaleSpec Spec);
