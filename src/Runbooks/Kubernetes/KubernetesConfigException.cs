namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>A kubeconfig or in-cluster setup the bot cannot use; the message names the file and the field.</summary>
public sealed class KubernetesConfigException(string message, Exception? inner = null) : Exception(message, inner);
