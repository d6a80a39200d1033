namespace ChatOpsIncidents.Runbooks.Kubernetes;

public sealed record PodList(List<Pod> Items);
