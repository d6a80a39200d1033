namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>Desired replicas; 0 when the API left it out.</summary>
public sealed record ScaleSpec(int Replicas);
