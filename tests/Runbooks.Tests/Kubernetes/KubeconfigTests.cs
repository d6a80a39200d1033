using ChatOpsIncidents.Runbooks.Kubernetes;
using ChatOpsIncidents.TestSupport.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Tests.Kubernetes;

public sealed class KubeconfigTests() : KubernetesFolderTests("kubeconfig-")
{
    [Fact]
    public async Task A_token_user_with_the_cluster_CA_as_data_reaches_the_API_over_verified_TLS()
    {
        KubernetesEndpoint endpoint = Load(K8s.Kubeconfig());

        await GetAsync(endpoint);

        Assert.Equal("payments", endpoint.Namespace);
        Assert.Equal($"Bearer {KubernetesStandIn.Token}", Assert.Single(K8s.Requests).Authorization);
    }

    [Fact]
    public async Task A_client_certificate_user_authenticates_with_its_certificate_and_sends_no_token()
    {
        (string certificate, string key) = K8s.Certificates.IssueClient("CN=chatops-incidents");
        KubernetesEndpoint endpoint = Load(K8s.Kubeconfig().Replace(
            $"token: {KubernetesStandIn.Token}",
            $"client-certificate-data: {Kubeconfigs.Base64(certificate)}\n      client-key-data: {Kubeconfigs.Base64(key)}", StringComparison.Ordinal));

        await GetAsync(endpoint);

        RecordedKubernetesRequest request = Assert.Single(K8s.Requests);
        Assert.True(request.HadClientCertificate);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task The_CA_can_be_a_file_next_to_the_kubeconfig_and_the_token_a_token_file()
    {
        File.WriteAllText(Path.Combine(Folder, "ca.crt"), K8s.Certificates.AuthorityPem);
        File.WriteAllText(Path.Combine(Folder, "token"), KubernetesStandIn.Token + "\n");
        KubernetesEndpoint endpoint = Load(K8s.Kubeconfig()
            .Replace($"certificate-authority-data: {Kubeconfigs.Base64(K8s.Certificates.AuthorityPem)}", "certificate-authority: ca.crt", StringComparison.Ordinal)
            .Replace($"token: {KubernetesStandIn.Token}", "tokenFile: token", StringComparison.Ordinal));

        await GetAsync(endpoint);

        Assert.Equal($"Bearer {KubernetesStandIn.Token}", Assert.Single(K8s.Requests).Authorization);
    }

    [Fact]
    public async Task Without_the_CA_the_server_is_not_trusted_unless_the_kubeconfig_says_insecure_skip_tls_verify()
    {
        string withoutCa = K8s.Kubeconfig().Replace($"certificate-authority-data: {Kubeconfigs.Base64(K8s.Certificates.AuthorityPem)}", "", StringComparison.Ordinal);

        KubernetesException untrusted = await Assert.ThrowsAsync<KubernetesException>(() => GetAsync(Load(withoutCa)));
        await GetAsync(Load(withoutCa.Replace("    cluster:\n", "    cluster:\n      insecure-skip-tls-verify: true\n", StringComparison.Ordinal)));

        Assert.StartsWith($"could not reach the Kubernetes API at {K8s.Server}", untrusted.Message);
        Assert.Single(K8s.Requests); // only the insecure client got through
    }

    [Fact]
    public async Task A_chosen_context_wins_over_the_current_context()
    {
        string config = K8s.Kubeconfig().Replace("current-context: stand-in", "current-context: elsewhere", StringComparison.Ordinal)
            + "\n  - name: elsewhere\n    context:\n      cluster: nowhere\n      user: bot\n";

        KubernetesEndpoint endpoint = KubeconfigLoader.Load(Kubeconfigs.Write(Folder, config), "stand-in", Time);
        KubernetesConfigException current = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(Path.Combine(Folder, "config"), null, Time));

        await GetAsync(endpoint);
        Assert.Contains("has no cluster named \"nowhere\"; it has: local", current.Message);
    }

    [Theory]
    [InlineData("current-context: stand-in", "current-context: missing", "has no context named \"missing\"; it has: stand-in")]
    [InlineData($"token: {KubernetesStandIn.Token}", "exec:\n        command: aws", "exec credential plugins are not supported")]
    [InlineData("    cluster:\n", "    cluster:\n      insecure-skip-tls-verify: true\n", "insecure-skip-tls-verify cannot be combined with a certificate authority")]
    [InlineData("certificate-authority-data: ", "certificate-authority-data: x", "certificate-authority-data: not base64")]
    public void A_kubeconfig_the_bot_cannot_use_is_refused_naming_the_file_and_the_field(string replace, string with, string message)
    {
        string config = K8s.Kubeconfig().Replace(replace, with, StringComparison.Ordinal);

        KubernetesConfigException error = Assert.Throws<KubernetesConfigException>(() => Load(config));

        Assert.Contains(Path.Combine(Folder, "config"), error.Message);
        Assert.Contains(message, error.Message);
    }

    private KubernetesEndpoint Load(string config) => KubeconfigLoader.Load(Kubeconfigs.Write(Folder, config), null, Time);

    private static async Task GetAsync(KubernetesEndpoint endpoint)
    {
        using var client = new KubernetesClient(endpoint, TimeSpan.FromSeconds(10));
        Assert.Equal("checkout-api", (await client.GetDeploymentAsync("payments", "checkout-api", Ct)).Metadata.Name);
    }
}
