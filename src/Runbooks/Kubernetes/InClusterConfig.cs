using k8s;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// The service account the pod runs as: the API at <c>KUBERNETES_SERVICE_HOST</c>:<c>KUBERNETES_SERVICE_PORT</c>, and from the
/// mounted folder the token (read again as it rotates), the CA and the pod's namespace. The client's own
/// <c>InClusterConfig()</c> reads a fixed folder; this is the same configuration from <c>Kubernetes:ServiceAccountPath</c>.
/// </summary>
public static class InClusterConfig
{
    public const string DefaultFolder = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static KubernetesClientConfiguration Load(string folder, string? host, string? port, TimeProvider time)
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
        if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int portNumber))
        {
            throw new KubernetesConfigException($"Kubernetes:InCluster is true but KUBERNETES_SERVICE_PORT is \"{port}\", not a port number.");
        }
        string namespaceFile = Path.Combine(folder, "namespace");
        return new KubernetesClientConfiguration
        {
            Host = new UriBuilder("https", host, portNumber).Uri.ToString(),
            TokenProvider = new TokenFile(token, time),
            SslCaCerts = KubernetesConnection.Certificates(File.ReadAllText(ca), $"\"{ca}\""),
            Namespace = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : null,
        };
    }
}
