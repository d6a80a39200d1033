using ChatOpsIncidents.Runbooks.Kubernetes;
using ChatOpsIncidents.TestSupport.Kubernetes;
using k8s;

namespace ChatOpsIncidents.Runbooks.Tests.Kubernetes;

public sealed class KubeconfigTests() : KubernetesFolderTests("kubeconfig-")
{
    private string CaData => $"certificate-authority-data: {Kubeconfigs.Base64(K8s.Certificates.AuthorityPem)}";

    [Fact]
    public async Task A_token_user_with_the_cluster_CA_as_data_reaches_the_API_over_verified_TLS()
    {
        KubernetesClientConfiguration config = Load(K8s.Kubeconfig());

        await GetAsync(config);

        Assert.Equal("payments", config.Namespace);
        Assert.Equal($"Bearer {KubernetesStandIn.Token}", Assert.Single(K8s.Requests).Authorization);
    }

    [Fact]
    public async Task A_client_certificate_user_authenticates_with_its_certificate_and_sends_no_token()
    {
        (string certificate, string key) = K8s.Certificates.IssueClient("CN=chatops-incidents");

        await GetAsync(Load(WithUser($"client-certificate-data: {Kubeconfigs.Base64(certificate)}\n      client-key-data: {Kubeconfigs.Base64(key)}")));

        RecordedKubernetesRequest request = Assert.Single(K8s.Requests);
        Assert.True(request.HadClientCertificate);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task The_CA_can_be_a_file_next_to_the_kubeconfig_and_the_token_a_token_file()
    {
        File.WriteAllText(Path.Combine(Folder, "ca.crt"), K8s.Certificates.AuthorityPem);
        File.WriteAllText(Path.Combine(Folder, "token"), KubernetesStandIn.Token + "\n");

        await GetAsync(Load(WithUser("tokenFile: token").Replace(CaData, "certificate-authority: ca.crt", StringComparison.Ordinal)));

        Assert.Equal($"Bearer {KubernetesStandIn.Token}", Assert.Single(K8s.Requests).Authorization);
    }

    [Fact]
    public async Task An_exec_credential_plugin_runs_and_its_token_reaches_the_API()
    {
        string plugin = Path.Combine(Folder, "get-token");
        File.WriteAllText(plugin, """
            #!/bin/sh
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"token-from-exec-plugin","expirationTimestamp":"2099-01-01T00:00:00Z"}}'
            """);
        K8s.AcceptedTokens.Add("token-from-exec-plugin");

        await GetAsync(Load(WithUser($"exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: /bin/sh\n        args: [\"{plugin}\"]\n        interactiveMode: Never")));

        Assert.Equal("Bearer token-from-exec-plugin", Assert.Single(K8s.Requests).Authorization);
    }

    [Fact]
    public async Task Without_the_CA_the_server_is_not_trusted_unless_the_kubeconfig_says_insecure_skip_tls_verify()
    {
        string withoutCa = K8s.Kubeconfig().Replace(CaData, "", StringComparison.Ordinal);

        KubernetesCallException untrusted = await Assert.ThrowsAsync<KubernetesCallException>(() => GetAsync(Load(withoutCa)));
        await GetAsync(Load(withoutCa.Replace("    cluster:\n", "    cluster:\n      insecure-skip-tls-verify: true\n", StringComparison.Ordinal)));

        Assert.StartsWith($"could not reach the Kubernetes API at {K8s.Server}", untrusted.Message);
        Assert.Single(K8s.Requests); // only the insecure client got through
    }

    [Fact]
    public async Task The_server_certificate_must_name_the_server_or_the_tls_server_name_even_when_the_CA_signed_it()
    {
        string config = K8s.Kubeconfig();

        await GetAsync(Load(config.Replace(CaData, CaData + "\n      tls-server-name: localhost", StringComparison.Ordinal)));
        KubernetesCallException otherName = await Assert.ThrowsAsync<KubernetesCallException>(
            () => GetAsync(Load(config.Replace(CaData, CaData + "\n      tls-server-name: api.other.example", StringComparison.Ordinal))));

        Assert.StartsWith($"could not reach the Kubernetes API at {K8s.Server}", otherName.Message);
        Assert.Single(K8s.Requests);
    }

    [Fact]
    public async Task A_server_url_with_a_path_prefix_keeps_it_as_behind_Rancher()
    {
        await using KubernetesStandIn rancher = await KubernetesStandIn.StartAsync(Ct, pathPrefix: "/k8s/clusters/c-1");
        rancher.Cluster.AddDeployment("payments", "checkout-api");

        await GetAsync(Load(rancher.Kubeconfig()));

        Assert.Equal("/k8s/clusters/c-1/apis/apps/v1/namespaces/payments/deployments/checkout-api", Assert.Single(rancher.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Requests_name_the_bot_as_their_user_agent()
    {
        await GetAsync(Load(K8s.Kubeconfig()));

        Assert.Matches(@"^chatops-incidents/\d+\.\d+\.\d+", Assert.Single(K8s.Requests).UserAgent);
    }

    [Fact]
    public async Task A_chosen_context_wins_over_the_current_context()
    {
        string config = K8s.Kubeconfig().Replace("current-context: stand-in", "current-context: elsewhere", StringComparison.Ordinal)
            + "\n  - name: elsewhere\n    context:\n      cluster: nowhere\n      user: bot\n";

        KubernetesClientConfiguration chosen = KubeconfigLoader.Load(Kubeconfigs.Write(Folder, config), "stand-in", Time);
        KubernetesConfigException current = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(Path.Combine(Folder, "config"), null, Time));

        await GetAsync(chosen);
        Assert.Contains("has no cluster named \"nowhere\"; it has: local", current.Message);
    }

    [Theory]
    [InlineData("current-context: stand-in", "current-context: missing", "has no context named \"missing\"; it has: stand-in")]
    [InlineData("    cluster:\n", "    cluster:\n      insecure-skip-tls-verify: true\n", "cluster \"local\": insecure-skip-tls-verify cannot be combined with a certificate authority")]
    [InlineData("certificate-authority-data: ", "certificate-authority-data: x", "context \"stand-in\": The input is not a valid Base-64 string")]
    [InlineData("    user:\n", "    user:\n      auth-provider:\n        name: oidc\n        config:\n          id-token: abc\n", "user \"bot\": \"auth-provider\" is not supported: legacy auth providers")]
    [InlineData($"token: {KubernetesStandIn.Token}", "username: admin\n      password: secret", "user \"bot\": \"username\" is not supported: basic authentication")]
    [InlineData("    user:\n", "    user:\n      as: cluster-admin\n", "user \"bot\": \"as\" is not supported: impersonation is not supported, so the bot would act with the base identity")]
    [InlineData("    user:\n", "    user:\n      as-groups: [\"system:masters\"]\n", "user \"bot\": \"as-groups\" is not supported: impersonation")]
    [InlineData("    cluster:\n", "    cluster:\n      proxy-url: http://proxy.internal:3128\n", "cluster \"local\": \"proxy-url\" is not supported: proxies are not supported")]
    [InlineData($"token: {KubernetesStandIn.Token}", "exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: aws\n        provideClusterInfo: true",
        "user \"bot\", exec: \"provideClusterInfo\" is not supported")]
    [InlineData("server: https://", "server: http://", "server \"http://127.0.0.1:")]
    public void A_kubeconfig_setting_the_bot_cannot_honour_stops_it_naming_the_file_and_the_setting(string replace, string with, string message)
    {
        string config = K8s.Kubeconfig().Replace(replace, with, StringComparison.Ordinal);

        KubernetesConfigException error = Assert.Throws<KubernetesConfigException>(() => Load(config));

        Assert.Contains(Path.Combine(Folder, "config"), error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Credentials_are_never_sent_over_plain_http()
    {
        string config = K8s.Kubeconfig().Replace("server: https://", "server: http://", StringComparison.Ordinal);

        KubernetesConfigException error = Assert.Throws<KubernetesConfigException>(() => Load(config));

        Assert.EndsWith("is plain http, and the bot sends credentials only over https: use the server's https URL.", error.Message);
        Assert.Empty(K8s.Requests);
    }

    [Fact]
    public void Several_kubeconfig_files_as_in_KUBECONFIG_are_refused_saying_how_to_merge_them()
    {
        string first = Kubeconfigs.Write(Folder, K8s.Kubeconfig(), "first");
        string second = Kubeconfigs.Write(Folder, K8s.Kubeconfig(), "second");
        var options = new KubernetesOptions { KubeconfigPath = $"{first}:{second}", AllowedNamespaces = ["payments"] };

        Microsoft.Extensions.Options.ValidateOptionsResult result = new KubernetesOptionsValidator().Validate(null, options);

        Assert.Equal(
            $"Kubernetes:KubeconfigPath names several files (\"{first}:{second}\"), as KUBECONFIG may, but the bot reads one kubeconfig: "
                + $"merge them with `KUBECONFIG={first}:{second} kubectl config view --flatten > merged.yaml` and name that file.",
            Assert.Single(result.Failures!));
    }

    private string WithUser(string settings) => K8s.Kubeconfig().Replace($"token: {KubernetesStandIn.Token}", settings, StringComparison.Ordinal);

    private KubernetesClientConfiguration Load(string config) => KubeconfigLoader.Load(Kubeconfigs.Write(Folder, config), null, Time);

    private static async Task GetAsync(KubernetesClientConfiguration config)
    {
        using KubernetesClient client = KubernetesConnection.Open(config, TimeSpan.FromSeconds(10));
        Assert.Equal("checkout-api", (await client.GetDeploymentAsync(DeploymentRef.Create("payments", "checkout-api"), Ct)).Metadata.Name);
    }
}
