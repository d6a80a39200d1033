namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// The service account the pod runs as (reference §11): the API at <c>KUBERNETES_SERVICE_HOST</c>:<c>KUBERNETES_SERVICE_PORT</c>,
/// the token (read again as it rotates), the CA and the pod's namespace from the mounted folder.
/// </summary>
public static class InClusterConfig
{
    public const string DefaultFolder = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static KubernetesEndpoint Load(string folder, string? host, string? port, TimeProvider time)
    {
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubernetesConfigException(
                "Kubernetes:InCluster is true but KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not both set: the bot is not running in a Kubernetes pod.");
        }
        string token = Path.Combine(folder, "token");
        string ca = Path.Combine(folder, "ca.crt");
        if (!File.Exists(token) || !File.Exists(ca))
        {
            throw new KubernetesConfigException(
                $"Kubernetes:InCluster is true but \"{folder}\" has no token or ca.crt: set serviceAccountName and do not turn off automountServiceAccountToken.");
        }
        string hostPart = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        string namespaceFile = Path.Combine(folder, "namespace");
        return new KubernetesEndpoint
        {
            Server = new Uri($"https://{hostPart}:{port}"),
            CertificateAuthorities = KubeconfigLoader.Certificates(File.ReadAllText(ca), ca, "ca.crt"),
            Token = BearerTokenSource.FromFile(token, time),
            Namespace = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : null,
        };
    }
}
