using ChatOpsIncidents.Runbooks.Kubernetes;
using ChatOpsIncidents.TestSupport;
using ChatOpsIncidents.TestSupport.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Tests.Kubernetes;

public sealed class InClusterConfigTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private KubernetesStandIn _k8s = null!;
    private string _folder = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _k8s = await KubernetesStandIn.StartAsync(Ct);
        _k8s.Cluster.AddDeployment("payments", "checkout-api");
        _folder = Directory.CreateTempSubdirectory("serviceaccount-").FullName;
        File.WriteAllText(Path.Combine(_folder, "token"), KubernetesStandIn.Token);
        File.WriteAllText(Path.Combine(_folder, "ca.crt"), _k8s.Certificates.AuthorityPem);
        File.WriteAllText(Path.Combine(_folder, "namespace"), "payments\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _k8s.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_mounted_service_account_gives_the_token_the_CA_and_the_pods_namespace()
    {
        KubernetesEndpoint endpoint = Load();
        using var client = new KubernetesClient(endpoint, TimeSpan.FromSeconds(10));

        await client.GetDeploymentAsync("payments", "checkout-api", Ct);

        Assert.Equal(("payments", new Uri($"https://127.0.0.1:{_k8s.Server.Port}")), (endpoint.Namespace, endpoint.Server));
        Assert.Equal($"Bearer {KubernetesStandIn.Token}", Assert.Single(_k8s.Requests).Authorization);
    }

    [Fact]
    public async Task A_rotated_token_is_read_again_after_a_minute()
    {
        using var client = new KubernetesClient(Load(), TimeSpan.FromSeconds(10));
        await client.GetDeploymentAsync("payments", "checkout-api", Ct);

        Rotate("rotated-token-1");
        _time.Advance(TimeSpan.FromSeconds(61));
        await client.GetDeploymentAsync("payments", "checkout-api", Ct);

        Assert.Equal(["Bearer " + KubernetesStandIn.Token, "Bearer rotated-token-1"], _k8s.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task A_401_reads_the_token_again_at_once_and_retries_once()
    {
        using var client = new KubernetesClient(Load(), TimeSpan.FromSeconds(10));
        await client.GetDeploymentAsync("payments", "checkout-api", Ct);

        Rotate("rotated-token-2");
        await client.GetDeploymentAsync("payments", "checkout-api", Ct);

        Assert.Equal(["Bearer " + KubernetesStandIn.Token, "Bearer " + KubernetesStandIn.Token, "Bearer rotated-token-2"], _k8s.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public void Outside_a_pod_in_cluster_config_says_so()
    {
        KubernetesConfigException error = Assert.Throws<KubernetesConfigException>(() => InClusterConfig.Load(_folder, null, null, _time));

        Assert.Contains("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not both set", error.Message);
    }

    private KubernetesEndpoint Load() => InClusterConfig.Load(_folder, "127.0.0.1", _k8s.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), _time);

    private void Rotate(string token)
    {
        File.WriteAllText(Path.Combine(_folder, "token"), token);
        _k8s.AcceptedTokens.Clear();
        _k8s.AcceptedTokens.Add(token);
    }
}
