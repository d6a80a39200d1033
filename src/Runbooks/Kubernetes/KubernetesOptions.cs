namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// How the bot reaches Kubernetes: a kubeconfig (<see cref="KubeconfigPath"/>, <see cref="Context"/>) or the pod's service
/// account (<see cref="InCluster"/>). Neither set: Kubernetes is off and runbook steps that need it are refused saying so.
/// </summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    public string? KubeconfigPath { get; set; }

    /// <summary>The kubeconfig context to use; its current-context when empty.</summary>
    public string? Context { get; set; }

    public bool InCluster { get; set; }

    /// <summary>Where the service account is mounted; changed only for tests.</summary>
    public string ServiceAccountPath { get; set; } = InClusterConfig.DefaultFolder;

    /// <summary>The only namespaces runbooks may touch. Required when Kubernetes is configured.</summary>
    public string[] AllowedNamespaces { get; set; } = [];

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => InCluster || !string.IsNullOrWhiteSpace(KubeconfigPath);

    public bool IsAllowed(string ns) => AllowedNamespaces.Contains(ns, StringComparer.Ordinal);
}
