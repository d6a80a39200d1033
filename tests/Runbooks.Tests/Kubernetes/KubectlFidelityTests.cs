using System.Text.Json.Nodes;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Execution;
using ChatOpsIncidents.Runbooks.Tests.Execution;
using ChatOpsIncidents.TestSupport.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Tests.Kubernetes;

/// <summary>
/// The stand-in is only worth what it answers, and the bot only right if it asks what kubectl asks. So the real kubectl
/// runs rollout restart, rollout status, scale, get pods -l and logs --previous --tail against one stand-in, the bot runs
/// the runbook steps that do the same against another, and each pair of requests must agree in method, path, media type,
/// the query parameters that choose what is read, and the patch's effect.
/// </summary>
public sealed class KubectlFidelityTests : IAsyncLifetime
{
    private const string Pod = "checkout-api-7c9d8f6b5-pod1";
    private const string Deployment = "/apis/apps/v1/namespaces/payments/deployments/checkout-api";

    private const string Runbook = """
        ---
        id: kubectl-steps
        title: What kubectl does
        summary: Restart, follow the rollout, scale, diagnose.
        params:
          - name: namespace
            description: the namespace
          - name: deployment
            description: the deployment
        steps:
          - kind: kubernetes.restart
          - kind: kubernetes.wait-rollout
          - kind: kubernetes.scale
            replicas: "4"
            min: 1
            max: 5
          - kind: kubernetes.diagnostics
            tail_lines: 100
        ---
        As kubectl.
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("kubectl-").FullName;
    private KubernetesStandIn _forKubectl = null!;
    private KubernetesStandIn _forBot = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _forKubectl = await StandInAsync();
        _forBot = await StandInAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _forKubectl.DisposeAsync();
        await _forBot.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task For_each_runbook_step_the_bot_sends_what_kubectl_sends_for_the_same_operation()
    {
        await RunKubectlAsync();
        await RunBotAsync();

        Same("rollout restart", Patch(_forKubectl, Deployment), Patch(_forBot, Deployment));
        Assert.Equal(RestartPatchWithoutTime(Patch(_forKubectl, Deployment)), RestartPatchWithoutTime(Patch(_forBot, Deployment)));
        Same("rollout status: the list", Get(_forKubectl, "/apis/apps/v1/namespaces/payments/deployments", "fieldSelector"),
            Get(_forBot, "/apis/apps/v1/namespaces/payments/deployments", "fieldSelector"), "fieldSelector");
        Same("rollout status: the watch", Get(_forKubectl, "/apis/apps/v1/namespaces/payments/deployments", "watch"),
            Get(_forBot, "/apis/apps/v1/namespaces/payments/deployments", "watch"), "fieldSelector", "watch", "allowWatchBookmarks");
        Same("scale", Patch(_forKubectl, Deployment + "/scale"), Patch(_forBot, Deployment + "/scale"));
        Assert.Equal(Patch(_forKubectl, Deployment + "/scale").Body, Patch(_forBot, Deployment + "/scale").Body);
        Same("get pods -l", Get(_forKubectl, "/api/v1/namespaces/payments/pods", "labelSelector"), Get(_forBot, "/api/v1/namespaces/payments/pods", "labelSelector"), "labelSelector");
        Same("logs --previous --tail", Get(_forKubectl, $"/api/v1/namespaces/payments/pods/{Pod}/log", "previous"),
            Get(_forBot, $"/api/v1/namespaces/payments/pods/{Pod}/log", "previous"), "container", "previous", "tailLines");
    }

    private async Task RunKubectlAsync()
    {
        string kubeconfig = Path.Combine(_folder, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, _forKubectl.Kubeconfig(), Ct);
        await Kubectl.RunAsync(kubeconfig, ["rollout", "restart", "deployment/checkout-api", "-n", "payments"], Ct);
        Task<string> status = Kubectl.RunAsync(kubeconfig, ["rollout", "status", "deployment/checkout-api", "-n", "payments", "--timeout=30s"], Ct);
        await FinishRolloutOnceWatchedAsync(_forKubectl);
        Assert.Contains("successfully rolled out", await status);
        await Kubectl.RunAsync(kubeconfig, ["scale", "deployment/checkout-api", "--replicas=4", "-n", "payments"], Ct);
        await Kubectl.RunAsync(kubeconfig, ["get", "pods", "-l", "app.kubernetes.io/name=checkout-api", "-n", "payments", "-o", "name"], Ct);
        Assert.Equal("panic: no database", (await Kubectl.RunAsync(kubeconfig, ["logs", Pod, "-c", "checkout-api", "--previous", "--tail=100", "-n", "payments"], Ct)).Trim());
    }

    private async Task RunBotAsync()
    {
        await using RunbookHarness harness = await RunbookHarness.StartAsync(_forBot, new Dictionary<string, string> { ["kubectl-steps.md"] = Runbook });
        var request = new RunRequest("kubectl-steps", Actor.SlackUser("U0ONCALL1", "dana"), null)
        {
            Given = new Dictionary<string, string> { ["namespace"] = "payments", ["deployment"] = "checkout-api" },
            Confirmed = true,
        };
        (RunbookRun? run, RunPlan? plan, string? refusal) = await harness.StartAsync(request);
        Assert.Null(refusal);
        Task<RunbookRun> execution = harness.ExecuteAsync(run!, plan!, new RecordingObserver());
        await FinishRolloutOnceWatchedAsync(_forBot);
        Assert.Equal(RunStatus.Succeeded, (await execution).Status);
    }

    private static async Task<KubernetesStandIn> StandInAsync()
    {
        KubernetesStandIn standIn = await KubernetesStandIn.StartAsync(Ct);
        standIn.Cluster.AddDeployment("payments", "checkout-api", replicas: 3);
        standIn.Cluster.CrashLoop("payments", Pod, "panic: no database\n");
        standIn.Cluster.RolloutsWait = true;
        return standIn;
    }

    /// <summary>Lets the rollout end once the client watches it, so both follow a rollout that is really going.</summary>
    private static async Task FinishRolloutOnceWatchedAsync(KubernetesStandIn standIn)
    {
        await standIn.WhenWatchedAsync(Ct);
        standIn.Cluster.FinishRollouts();
    }

    private static void Same(string operation, RecordedKubernetesRequest kubectl, RecordedKubernetesRequest bot, params string[] queryKeys) => Assert.True(
        (kubectl.Method, kubectl.Path, kubectl.MediaType) == (bot.Method, bot.Path, bot.MediaType)
            && queryKeys.All(key => kubectl.Query.GetValueOrDefault(key) == bot.Query.GetValueOrDefault(key)),
        $"{operation}: kubectl sent {kubectl.Method} {kubectl.PathAndQuery} ({kubectl.MediaType}), the bot {bot.Method} {bot.PathAndQuery} ({bot.MediaType}); compared {string.Join(", ", queryKeys)}");

    private static RecordedKubernetesRequest Patch(KubernetesStandIn standIn, string path) => standIn.Requests.Single(r => r.Method == "PATCH" && r.Path == path);

    private static RecordedKubernetesRequest Get(KubernetesStandIn standIn, string path, string queryKey) =>
        standIn.Requests.First(r => r.Method == "GET" && r.Path == path && r.Query.ContainsKey(queryKey) && r.Query.GetValueOrDefault("watch") != (queryKey == "watch" ? "false" : "true"));

    /// <summary>The restart patch with its timestamp blanked: what both change besides the time of the change.</summary>
    private static string RestartPatchWithoutTime(RecordedKubernetesRequest patch)
    {
        JsonObject body = JsonNode.Parse(patch.Body)!.AsObject();
        JsonObject annotations = body["spec"]!["template"]!["metadata"]!["annotations"]!.AsObject();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$", annotations["kubectl.kubernetes.io/restartedAt"]!.GetValue<string>());
        annotations["kubectl.kubernetes.io/restartedAt"] = "TIME";
        return body.ToJsonString();
    }
}
