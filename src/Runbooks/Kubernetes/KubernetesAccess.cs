using k8s;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// The client when Kubernetes is configured, opened once from the kubeconfig or the service account (at start, so a
/// configuration the bot cannot use stops it with the reason); null when it is not, so the bot starts without a cluster
/// and runbooks say why they cannot run.
/// </summary>
public sealed class KubernetesAccess : IDisposable
{
    public const string NotConfigured =
        "Kubernetes is not configured on this bot: set Kubernetes:KubeconfigPath (or Kubernetes:InCluster) and Kubernetes:AllowedNamespaces.";

    private readonly Lazy<KubernetesClient?> _client;

    public KubernetesAccess(IOptions<KubernetesOptions> options, TimeProvider time)
    {
        KubernetesOptions settings = options.Value;
        Options = settings;
        _client = new Lazy<KubernetesClient?>(() => settings.IsConfigured ? KubernetesConnection.Open(Configuration(settings, time), settings.RequestTimeout) : null);
    }

    public KubernetesOptions Options { get; }

    public IKubernetesClient? Client => _client.Value;

    public void Dispose()
    {
        if (_client is { IsValueCreated: true, Value: { } client })
        {
            client.Dispose();
        }
    }

    private static KubernetesClientConfiguration Configuration(KubernetesOptions options, TimeProvider time) => options.InCluster
        ? InClusterConfig.Load(
            options.ServiceAccountPath,
            Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"),
            Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT"),
            time)
        : KubeconfigLoader.Load(options.KubeconfigPath ?? "", string.IsNullOrWhiteSpace(options.Context) ? null : options.Context, time);
}
