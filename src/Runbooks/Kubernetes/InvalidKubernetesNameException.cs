namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>A name that is not DNS-1123: refused before any request is built.</summary>
public sealed class InvalidKubernetesNameException(string message) : Exception(message);
