using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Runbooks.Kubernetes;
using ChatOpsIncidents.TestSupport;
using ChatOpsIncidents.TestSupport.Kubernetes;
using k8s;
using k8s.Models;

namespace ChatOpsIncidents.Runbooks.Tests.Kubernetes;

public sealed class KubernetesClientTests : IAsyncLifetime
{
    private const string Restart = "/apis/apps/v1/namespaces/payments/deployments/checkout-api";
    private static readonly DateTimeOffset s_now = new(2026, 3, 2, 9, 20, 11, 250, TimeSpan.Zero);
    private static readonly DeploymentRef s_checkout = DeploymentRef.Create("payments", "checkout-api");
    private KubernetesStandIn _k8s = null!;
    private KubernetesClient _client = null!;
    private string _folder = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _k8s = await KubernetesStandIn.StartAsync(Ct);
        _k8s.Cluster.AddDeployment("payments", "checkout-api", replicas: 3);
        _folder = Directory.CreateTempSubdirectory("kubeconfig-").FullName;
        string path = Kubeconfigs.Write(_folder, _k8s.Kubeconfig());
        _client = KubernetesConnection.Open(KubeconfigLoader.Load(path, null, new ManualTimeProvider(s_now)), TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _k8s.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_restart_reads_the_deployment_then_sends_the_strategic_merge_patch_kubectl_sends()
    {
        V1Deployment restarted = await _client.RestartDeploymentAsync(s_checkout, s_now, Ct);

        Assert.Collection(_k8s.Requests,
            get => Assert.Equal(("GET", Restart, $"Bearer {KubernetesStandIn.Token}"), (get.Method, get.PathAndQuery, get.Authorization)),
            patch =>
            {
                Assert.Equal(("PATCH", Restart + "?fieldManager=chatops-incidents"), (patch.Method, patch.PathAndQuery));
                Assert.Equal("application/strategic-merge-patch+json", patch.MediaType);
                Assert.Equal("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-03-02T09:20:11Z"}}}}}""", patch.Body);
            });
        Assert.Equal(9, restarted.Metadata.Generation);
        JsonObject stored = _k8s.Cluster.Deployment("payments", "checkout-api")!;
        Assert.Equal("2026-03-02T09:20:11Z", stored["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scaling_patches_the_scale_subresource_with_a_merge_patch()
    {
        V1Scale scaled = await _client.ScaleDeploymentAsync(s_checkout, 5, Ct);

        RecordedKubernetesRequest patch = Assert.Single(_k8s.Requests);
        Assert.Equal(("PATCH", Restart + "/scale?fieldManager=chatops-incidents"), (patch.Method, patch.PathAndQuery));
        Assert.Equal("application/merge-patch+json", patch.MediaType);
        Assert.Equal("""{"spec":{"replicas":5}}""", patch.Body);
        Assert.Equal(5, scaled.Spec!.Replicas);
        Assert.Equal("app.kubernetes.io/name=checkout-api", scaled.Status!.Selector);
    }

    [Fact]
    public async Task Pods_are_listed_by_the_deployments_selector_and_logs_and_events_read_with_their_options()
    {
        _k8s.Cluster.CrashLoop("payments", "checkout-api-7c9d8f6b5-pod1", "panic: no database\n");
        V1Deployment deployment = await _client.GetDeploymentAsync(s_checkout, Ct);

        IList<V1Pod> pods = await _client.ListPodsAsync("payments", LabelSelector.ToQuery(deployment.Spec.Selector), Ct);
        string logs = await _client.GetPodLogsAsync("payments", "checkout-api-7c9d8f6b5-pod1", "checkout-api", previous: true, tailLines: 50, limitBytes: 4096, Ct);
        IList<Corev1Event> events = await _client.ListEventsAsync("payments", "Pod", "checkout-api-7c9d8f6b5-pod1", Ct);

        Assert.Equal(2, pods.Count);
        Assert.Equal("CrashLoopBackOff", pods[1].Status.ContainerStatuses[0].State.Waiting.Reason);
        Assert.Equal("panic: no database\n", logs);
        Assert.Equal("BackOff", Assert.Single(events).Reason);
        Assert.Equal(
            [
                "/api/v1/namespaces/payments/pods?labelSelector=app.kubernetes.io%2Fname%3Dcheckout-api&watch=false",
                "/api/v1/namespaces/payments/pods/checkout-api-7c9d8f6b5-pod1/log?container=checkout-api&limitBytes=4096&previous=true&tailLines=50",
                "/api/v1/namespaces/payments/events?fieldSelector=involvedObject.kind%3DPod%2CinvolvedObject.name%3Dcheckout-api-7c9d8f6b5-pod1&watch=false",
            ],
            _k8s.Requests.Skip(1).Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task The_requests_a_dry_run_shows_are_the_ones_the_client_sends()
    {
        _k8s.Cluster.AddAutoscaler("payments", "checkout-api", "checkout-api", min: 2, max: 10);
        KubernetesRequest[] described =
        [
            KubernetesRequests.GetDeployment(s_checkout),
            KubernetesRequests.RestartDeployment(s_checkout, s_now),
            KubernetesRequests.GetScale(s_checkout),
            KubernetesRequests.ScaleDeployment(s_checkout, 4),
            KubernetesRequests.ListAutoscalers("payments"),
            KubernetesRequests.RaiseAutoscalerMinimum("payments", "checkout-api", 4),
            KubernetesRequests.ListDeployment(s_checkout),
            KubernetesRequests.ListReplicaSets("payments", "app.kubernetes.io/name=checkout-api"),
            KubernetesRequests.ListPods("payments", "app.kubernetes.io/name=checkout-api"),
            KubernetesRequests.PodLogs("payments", "checkout-api-7c9d8f6b5-pod0", "checkout-api", previous: false, tailLines: 100, limitBytes: 65536),
            KubernetesRequests.ListEvents("payments", "ReplicaSet", "checkout-api-7c9d8f6b5"),
        ];

        await _client.RestartDeploymentAsync(s_checkout, s_now, Ct); // GET, then PATCH
        await _client.GetScaleAsync(s_checkout, Ct);
        await _client.ScaleDeploymentAsync(s_checkout, 4, Ct);
        await _client.FindAutoscalerAsync(s_checkout, Ct);
        await _client.RaiseAutoscalerMinimumAsync("payments", "checkout-api", 4, Ct);
        await _client.ListDeploymentAsync(s_checkout, Ct);
        await _client.ListReplicaSetsAsync("payments", "app.kubernetes.io/name=checkout-api", Ct);
        await _client.ListPodsAsync("payments", "app.kubernetes.io/name=checkout-api", Ct);
        await _client.GetPodLogsAsync("payments", "checkout-api-7c9d8f6b5-pod0", "checkout-api", previous: false, tailLines: 100, limitBytes: 65536, Ct);
        await _client.ListEventsAsync("payments", "ReplicaSet", "checkout-api-7c9d8f6b5", Ct);

        Assert.Equal(
            described.Select(r => (r.Method.Method, r.Path, r.ContentType, r.Body ?? "")),
            _k8s.Requests.Select(r => (r.Method, r.PathAndQuery, r.MediaType, r.Body)));
    }

    [Fact]
    public async Task A_watch_from_the_listed_version_reports_the_rollout_as_it_goes()
    {
        _k8s.Cluster.RolloutsWait = true;
        await _client.RestartDeploymentAsync(s_checkout, s_now, Ct);
        V1DeploymentList listed = await _client.ListDeploymentAsync(s_checkout, Ct);
        IAsyncEnumerator<(WatchEventType Type, V1Deployment Deployment)> events =
            _client.WatchDeploymentAsync(s_checkout, listed.ResourceVersion(), 10, Ct).GetAsyncEnumerator(Ct);
        Task<bool> next = events.MoveNextAsync().AsTask();
        await _k8s.WhenWatchedAsync(Ct);

        _k8s.Cluster.FinishRollouts();

        Assert.True(await next);
        Assert.Equal(WatchEventType.Modified, events.Current.Type);
        Assert.Equal(RolloutState.Done, RolloutStatus.Of(events.Current.Deployment).State);
        await events.DisposeAsync();
        Assert.Equal(RolloutState.Waiting, RolloutStatus.Of(Assert.Single(listed.Items)).State);
        RecordedKubernetesRequest watch = _k8s.Requests[^1];
        Assert.Equal(("true", "metadata.name=checkout-api", listed.ResourceVersion()), (watch.Query["watch"], watch.Query["fieldSelector"], watch.Query["resourceVersion"]));
    }

    [Fact]
    public async Task A_watch_the_server_ends_quietly_just_ends()
    {
        V1DeploymentList listed = await _client.ListDeploymentAsync(s_checkout, Ct);

        int events = 0;
        await foreach (var _ in _client.WatchDeploymentAsync(s_checkout, listed.ResourceVersion(), timeoutSeconds: 1, Ct))
        {
            events++;
        }

        Assert.Equal(0, events);
    }

    [Fact]
    public async Task A_forbidden_patch_says_which_permission_the_service_account_lacks()
    {
        _k8s.Forbid("patch", "deployments");

        KubernetesCallException error = await Assert.ThrowsAsync<KubernetesCallException>(() => _client.RestartDeploymentAsync(s_checkout, s_now, Ct));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("Forbidden", error.Reason);
        Assert.StartsWith("the bot's service account may not patch deployments in namespace payments (Kubernetes said: deployments.apps \"checkout-api\" is forbidden", error.Message);
    }

    [Fact]
    public async Task A_missing_deployment_is_named_with_its_namespace()
    {
        KubernetesCallException error = await Assert.ThrowsAsync<KubernetesCallException>(() => _client.GetDeploymentAsync(DeploymentRef.Create("payments", "checkout-apii"), Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("deployments checkout-apii was not found in namespace payments (Kubernetes said: deployments.apps \"checkout-apii\" not found)", error.Message);
    }

    [Fact]
    public async Task A_conflict_says_someone_else_changed_it_and_to_run_again()
    {
        _k8s.FailNext(HttpStatusCode.Conflict, "Conflict",
            "Operation cannot be fulfilled on deployments.apps \"checkout-api\": the object has been modified; please apply your changes to the latest version and try again");

        KubernetesCallException error = await Assert.ThrowsAsync<KubernetesCallException>(() => _client.ScaleDeploymentAsync(s_checkout, 4, Ct));

        Assert.Equal("Conflict", error.Reason);
        Assert.StartsWith("deployments/scale checkout-api in namespace payments was changed by someone else at the same moment; run it again", error.Message);
    }

    [Theory]
    [InlineData("Payments", "checkout-api", "“Payments” is not a valid namespace")]
    [InlineData("payments", "checkout_api", "“checkout_api” is not a valid deployment name")]
    [InlineData("payments", "../secrets", "“../secrets” is not a valid deployment name")]
    public void Names_that_are_not_DNS_1123_are_refused_before_any_request(string ns, string name, string message)
    {
        InvalidKubernetesNameException error = Assert.Throws<InvalidKubernetesNameException>(() => DeploymentRef.Create(ns, name));

        Assert.StartsWith(message, error.Message);
        Assert.Empty(_k8s.Requests);
    }
}
