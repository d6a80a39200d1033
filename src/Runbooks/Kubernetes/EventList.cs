namespace ChatOpsIncidents.Runbooks.Kubernetes;

public sealed record EventList(List<KubernetesEvent> Items);
