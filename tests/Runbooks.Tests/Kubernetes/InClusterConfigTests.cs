using ChatOpsIncidents.Runbooks.Kubernetes;
using ChatOpsIncidents.TestSupport.Kubernetes;
using k8s;

namespace ChatOpsIncidents.Runbooks.Tests.Kubernetes;

public sealed class InClusterConfigTests() : KubernetesFolderTests("serviceaccount-")
{
    private static readonly DeploymentRef s_checkout = DeploymentRef.Create("payments", "checkout-api");

    /// <summary>What Kubernetes mounts into a pod at /var/run/secrets/kubernetes.io/serviceaccount.</summary>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        File.WriteAllText(Path.Combine(Folder, "token"), KubernetesStandIn.Token);
        File.WriteAllText(Path.Combine(Folder, "ca.crt"), K8s.Certificates.AuthorityPem);
        File.WriteAllText(Path.Combine(Folder, "namespace"), "payments\n");
    }

    [Fact]
    public async Task The_mounted_service_account_gives_the_token_the_CA_and_the_pods_namespace()
    {
        KubernetesClientConfiguration config = Load();
        using KubernetesClient client = KubernetesConnection.Open(config, TimeSpan.FromSeconds(10));

        await client.GetDeploymentAsync(s_checkout, Ct);

        Assert.Equal(("payments", $"https://127.0.0.1:{K8s.Server.Port}/"), (config.Namespace, config.Host));
        Assert.Equal($"Bearer {KubernetesStandIn.Token}", Assert.Single(K8s.Requests).Authorization);
    }

    [Fact]
    public async Task A_rotated_token_is_read_again_after_a_minute()
    {
        using KubernetesClient client = KubernetesConnection.Open(Load(), TimeSpan.FromSeconds(10));
        await client.GetDeploymentAsync(s_checkout, Ct);

        Rotate("rotated-token-1");
        Time.Advance(TimeSpan.FromSeconds(61));
        await client.GetDeploymentAsync(s_checkout, Ct);

        Assert.Equal(["Bearer " + KubernetesStandIn.Token, "Bearer rotated-token-1"], K8s.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public void Outside_a_pod_in_cluster_config_says_so()
    {
        KubernetesConfigException error = Assert.Throws<KubernetesConfigException>(() => InClusterConfig.Load(Folder, null, null, Time));

        Assert.Contains("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not both set", error.Message);
    }

    private KubernetesClientConfiguration Load() =>
        InClusterConfig.Load(Folder, "127.0.0.1", K8s.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Time);

    private void Rotate(string token)
    {
        File.WriteAllText(Path.Combine(Folder, "token"), token);
        K8s.AcceptedTokens.Clear();
        K8s.AcceptedTokens.Add(token);
    }
}
