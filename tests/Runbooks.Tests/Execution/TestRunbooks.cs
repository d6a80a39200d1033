namespace ChatOpsIncidents.Runbooks.Tests.Execution;

/// <summary>Runbook files for the runner tests, each showing one guard.</summary>
internal static class TestRunbooks
{
    private const string DeploymentParams = """
        params:
          - name: namespace
            description: the namespace
            default: "{{ labels.namespace }}"
          - name: deployment
            description: the deployment
            default: "{{ labels.deployment }}"
        """;

    public static readonly string Restart = $$$"""
        ---
        id: restart-deployment
        title: Restart a deployment
        summary: Rolling restart.
        {{{DeploymentParams}}}
        steps:
          - kind: kubernetes.restart
            name: Restart
          - kind: kubernetes.wait-rollout
            name: Wait for the rollout
        ---
        Restart it.
        """;

    public static readonly string Restricted = $$$"""
        ---
        id: restricted-restart
        title: Restricted restart
        summary: Only the SRE lead may run it.
        {{{DeploymentParams}}}
        steps:
          - kind: kubernetes.restart
        allowed: ["U0SRELEAD", "@sre-oncall"]
        ---
        Only for the lead.
        """;

    public static readonly string AutoDiagnostics = $$$"""
        ---
        id: auto-diagnostics
        title: Automatic diagnostics
        summary: Looks when the alert fires.
        match:
          alertname: [KubePodCrashLooping]
        {{{DeploymentParams}}}
        steps:
          - kind: kubernetes.diagnostics
        auto: true
        max_runs_per_hour: 1
        ---
        Look.
        """;

    public static readonly string Scale = $$$"""
        ---
        id: scale-out
        title: Scale out
        summary: More replicas.
        {{{DeploymentParams}}}
          - name: replicas
            description: how many
            pattern: "[0-9]+"
        steps:
          - kind: kubernetes.scale
            replicas: "{{ params.replicas }}"
            min: 2
            max: 5
        ---
        Scale.
        """;

    public static readonly string ScaleOrRaiseAutoscaler = Scale
        .Replace("id: scale-out", "id: scale-or-raise-autoscaler", StringComparison.Ordinal)
        .Replace("    max: 5", "    max: 5\n    raise_autoscaler_min: true", StringComparison.Ordinal);

    public static readonly string Diagnostics = AutoDiagnostics
        .Replace("id: auto-diagnostics", "id: diagnostics", StringComparison.Ordinal)
        .Replace("auto: true\nmax_runs_per_hour: 1\n", "", StringComparison.Ordinal);

    public static Dictionary<string, string> All => new()
    {
        ["restart-deployment.md"] = Restart,
        ["restricted-restart.md"] = Restricted,
        ["auto-diagnostics.md"] = AutoDiagnostics,
        ["scale-out.md"] = Scale,
        ["scale-or-raise-autoscaler.md"] = ScaleOrRaiseAutoscaler,
        ["diagnostics.md"] = Diagnostics,
        ["daemonset-rollout.md"] = ShippedRunbooks.Text("daemonset-rollout"),
        ["node-not-ready.md"] = ShippedRunbooks.Text("node-not-ready"),
    };
}
