using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Rbac;
using ChatOpsIncidents.TestSupport;
using ChatOpsIncidents.TestSupport.Kubernetes;

namespace ChatOpsIncidents.Bot.Tests.Deploy;

/// <summary>
/// Issue 16, finding 6: "The Role is broader than the runbooks." <c>rbac</c> prints a Role limited with resourceNames to the
/// deployments the runbooks' targets name, which the real kubectl 1.32 accepts (<c>kubectl apply --dry-run=client -f -</c>
/// against the Kubernetes stand-in, for discovery), and so does deploy/'s NetworkPolicy example.
/// </summary>
public sealed class RbacCommandTests : IAsyncLifetime
{
    private const string Restart = """
        ---
        id: restart-checkout
        title: Restart checkout
        summary: Restarts one of the checkout deployments.
        params:
          - name: deployment
            description: the deployment
        targets:
          - namespace: payments
            deployment: checkout-api
          - namespace: payments
            deployment: checkout-worker
        steps:
          - kind: kubernetes.restart
            namespace: payments
            deployment: "{{ params.deployment }}"
          - kind: kubernetes.wait-rollout
            namespace: payments
            deployment: "{{ params.deployment }}"
        ---
        Restart it.
        """;

    private const string Scale = """
        ---
        id: scale-ledger
        title: Scale the ledger
        summary: Adds ledger replicas.
        params:
          - name: replicas
            description: how many
        steps:
          - kind: kubernetes.scale
            namespace: ledger
            deployment: ledger-api
            replicas: "{{ params.replicas }}"
            min: 2
            max: 6
          - kind: kubernetes.diagnostics
            namespace: ledger
            deployment: ledger-api
        ---
        Scale it.
        """;

    private const string AnyDeployment = """
        ---
        id: restart-anything
        title: Restart anything
        summary: Restarts whatever deployment it is given.
        params:
          - name: namespace
            description: the namespace
          - name: deployment
            description: the deployment
        steps:
          - kind: kubernetes.restart
        ---
        Restart it.
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("rbac-").FullName;
    private KubernetesStandIn _k8s = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _k8s = await KubernetesStandIn.StartAsync(Ct);
        string runbooks = Directory.CreateDirectory(Path.Combine(_folder, "runbooks")).FullName;
        await File.WriteAllTextAsync(Path.Combine(runbooks, "restart-checkout.md"), Restart, Ct);
        await File.WriteAllTextAsync(Path.Combine(runbooks, "scale-ledger.md"), Scale, Ct);
        await File.WriteAllTextAsync(Path.Combine(runbooks, "restart-anything.md"), AnyDeployment, Ct);
        await File.WriteAllTextAsync(Path.Combine(_folder, "kubeconfig"), _k8s.Kubeconfig(), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _k8s.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_role_names_only_the_targeted_deployments_and_the_verbs_their_steps_need_and_kubectl_accepts_it()
    {
        (int exitCode, string role, string error) = Rbac("rbac", Path.Combine(_folder, "runbooks"));

        Assert.Equal(0, exitCode);
        Assert.Equal("Not covered, so they may do nothing under this Role: restart-anything. Their Kubernetes steps name no exact deployments: "
            + "list them in `targets` (namespace and deployment, no patterns) to include them.", error.Trim());
        JsonArray objects = await ApplyDryRunAsync(role);
        Assert.Equal(
            ["Role ledger", "RoleBinding ledger", "Role payments", "RoleBinding payments"],
            objects.Select(o => $"{o!["kind"]} {o["metadata"]!["namespace"]}"));
        Assert.Equal(
            [
                """{"apiGroups":["apps"],"resourceNames":["checkout-api","checkout-worker"],"resources":["deployments"],"verbs":["get","list","patch","watch"]}""",
            ],
            Rules(objects[2]!));
        Assert.Equal(
            [
                """{"apiGroups":[""],"resources":["events"],"verbs":["list"]}""",
                """{"apiGroups":[""],"resources":["pods"],"verbs":["list"]}""",
                """{"apiGroups":[""],"resources":["pods/log"],"verbs":["get"]}""",
                """{"apiGroups":["apps"],"resourceNames":["ledger-api"],"resources":["deployments"],"verbs":["get"]}""",
                """{"apiGroups":["apps"],"resourceNames":["ledger-api"],"resources":["deployments/scale"],"verbs":["get","patch"]}""",
                """{"apiGroups":["apps"],"resources":["replicasets"],"verbs":["list"]}""",
                """{"apiGroups":["autoscaling"],"resources":["horizontalpodautoscalers"],"verbs":["list"]}""",
            ],
            Rules(objects[0]!));
        Assert.Equal(
            """[{"kind":"ServiceAccount","name":"chatops-incidents","namespace":"chatops-incidents"}]""",
            objects[3]!["subjects"]!.ToJsonString());
    }

    /// <summary>The shipped runbooks name no targets; only the node runbooks read in an exact namespace (node events are in "default").</summary>
    [Fact]
    public async Task Of_the_shipped_runbooks_only_the_node_ones_are_covered_and_they_may_only_list_events_in_default()
    {
        (int exitCode, string role, string error) = Rbac("rbac", Path.Combine(Repository.Root, "runbooks"));

        Assert.Equal(0, exitCode);
        Assert.Contains("daemonset-rollout, disk-pressure, high-error-rate, high-latency, pod-crash-loop, pod-not-ready, restart-deployment, service-down, "
            + "statefulset-rollout.", error, StringComparison.Ordinal);
        JsonArray objects = await ApplyDryRunAsync(role);
        Assert.Equal(["Role default", "RoleBinding default"], objects.Select(o => $"{o!["kind"]} {o["metadata"]!["namespace"]}"));
        Assert.Equal(["""{"apiGroups":[""],"resources":["events"],"verbs":["list"]}"""], Rules(objects[0]!));
    }

    [Fact]
    public void Wrong_arguments_print_the_usage()
    {
        (int exitCode, _, string error) = Rbac("rbac", "one", "two");

        Assert.Equal((2, "Usage: rbac [RUNBOOK_FOLDER] (the bot's runbooks/ folder by default; the Role is written to standard output)"), (exitCode, error.Trim()));
    }

    [Fact]
    public async Task The_network_policy_example_is_one_kubectl_accepts_and_lets_in_only_prometheus_alertmanager_and_the_ingress()
    {
        string policy = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "kubernetes", "networkpolicy.example.yaml"), Ct);

        JsonNode applied = Assert.Single(await ApplyDryRunAsync(policy))!;

        Assert.Equal("NetworkPolicy", applied["kind"]!.GetValue<string>());
        Assert.Equal(["Ingress"], applied["spec"]!["policyTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        JsonNode rule = Assert.Single(applied["spec"]!["ingress"]!.AsArray())!;
        Assert.Equal(
            ["monitoring/prometheus", "monitoring/alertmanager", "ingress-nginx/ingress-nginx"],
            rule["from"]!.AsArray().Select(peer =>
                $"{peer!["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]}/{peer["podSelector"]!["matchLabels"]!["app.kubernetes.io/name"]}"));
        Assert.Equal("""[{"port":8080,"protocol":"TCP"}]""", rule["ports"]!.ToJsonString());
    }

    private static (int ExitCode, string Output, string Error) Rbac(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = RbacCommandLine.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The objects as kubectl read them, keys in its (alphabetical) order (client-side dry run: nothing is sent but discovery; no schema to check against).</summary>
    private async Task<JsonArray> ApplyDryRunAsync(string yaml)
    {
        string json = await Kubectl.RunAsync(Path.Combine(_folder, "kubeconfig"), ["apply", "--dry-run=client", "--validate=false", "-o", "json", "-f", "-"], Ct, yaml);
        JsonNode parsed = JsonNode.Parse(json)!;
        return parsed["kind"]!.GetValue<string>() == "List" ? parsed["items"]!.AsArray() : [parsed.DeepClone()];
    }

    private static string[] Rules(JsonNode role) => [.. role["rules"]!.AsArray().Select(rule => rule!.ToJsonString())];
}
