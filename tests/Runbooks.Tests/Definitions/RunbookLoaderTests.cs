using ChatOpsIncidents.Runbooks.Definitions;

namespace ChatOpsIncidents.Runbooks.Tests.Definitions;

public sealed class RunbookLoaderTests
{
    private const string Valid = """
        ---
        id: restart-deployment
        title: Restart a deployment
        summary: Rolling restart.
        match:
          alertname: [KubePodCrashLooping]
        params:
          - name: namespace
            description: the namespace
            default: "{{ labels.namespace }}"
          - name: deployment
            description: the deployment
            default: "{{ labels.deployment }}"
        steps:
          - kind: kubernetes.restart
        ---
        Restart it.
        """;

    [Fact]
    public void The_shipped_runbooks_load_and_each_one_that_changes_the_cluster_asks_for_confirmation()
    {
        IReadOnlyList<Runbook> runbooks = RunbookLoader.LoadFolder(ShippedRunbooks.Folder);

        Assert.Equal(
            ["daemonset-rollout", "disk-pressure", "high-error-rate", "high-latency", "node-disk-full", "node-host", "node-not-ready", "pod-crash-loop",
                "pod-not-ready", "restart-deployment", "service-down", "statefulset-rollout"],
            runbooks.Select(r => r.Id).Order());
        Assert.All(runbooks.Where(r => r.ChangesCluster), runbook => Assert.True(runbook.NeedsConfirmation));
        Assert.All(runbooks, runbook => Assert.Contains("##", runbook.Body, StringComparison.Ordinal));
        Runbook disk = runbooks.Single(r => r.Id == "disk-pressure");
        Assert.Equal([StepKind.KubernetesDiagnostics], disk.Steps.Select(s => s.Kind));
        Assert.Equal((true, 2), (disk.Auto, disk.MaxRunsPerHour));
    }

    [Theory]
    [InlineData("pod-not-ready", "Pod/{{ params.pod }}")]
    [InlineData("statefulset-rollout", "StatefulSet/{{ params.statefulset }}")]
    [InlineData("daemonset-rollout", "DaemonSet/{{ params.daemonset }}")]
    [InlineData("node-not-ready", "Node/{{ params.node }}")]
    [InlineData("node-disk-full", "Node/{{ params.node }}")]
    [InlineData("node-host", "Node/{{ params.node }}")]
    public void The_runbooks_for_objects_that_are_not_deployments_only_read_their_events(string id, string readsEventsOf)
    {
        Runbook runbook = RunbookLoader.LoadFolder(ShippedRunbooks.Folder).Single(r => r.Id == id);

        RunbookStep step = Assert.Single(runbook.Steps);
        Assert.Equal((StepKind.KubernetesEvents, readsEventsOf), (step.Kind, step.EventsOf));
        Assert.False(runbook.NeedsConfirmation);
        Assert.Empty(runbook.Allowed);
    }

    [Theory]
    [InlineData("NodeFilesystemSpaceFillingUp", "node-disk-full")]
    [InlineData("NodeFilesystemAlmostOutOfSpace", "node-disk-full")]
    [InlineData("NodeFilesystemFilesFillingUp", "node-disk-full")]
    [InlineData("NodeFilesystemAlmostOutOfFiles", "node-disk-full")]
    [InlineData("NodeFilesystemAlmostFull", "disk-pressure")]
    [InlineData("KubePersistentVolumeFillingUp", "disk-pressure")]
    [InlineData("KubePersistentVolumeInodesFillingUp", "disk-pressure")]
    [InlineData("KubePodCrashLooping", "pod-crash-loop")]
    [InlineData("KubeContainerWaiting", "pod-crash-loop")]
    [InlineData("KubeDeploymentReplicasMismatch", "restart-deployment")]
    [InlineData("KubeDeploymentRolloutStuck", "restart-deployment")]
    [InlineData("KubeDeploymentGenerationMismatch", "restart-deployment")]
    [InlineData("TargetDown", "service-down")]
    [InlineData("KubePodNotReady", "pod-not-ready")]
    [InlineData("KubeStatefulSetReplicasMismatch", "statefulset-rollout")]
    [InlineData("KubeStatefulSetGenerationMismatch", "statefulset-rollout")]
    [InlineData("KubeStatefulSetUpdateNotRolledOut", "statefulset-rollout")]
    [InlineData("KubeDaemonSetRolloutStuck", "daemonset-rollout")]
    [InlineData("KubeDaemonSetNotScheduled", "daemonset-rollout")]
    [InlineData("KubeDaemonSetMisScheduled", "daemonset-rollout")]
    [InlineData("KubeNodeNotReady", "node-not-ready")]
    [InlineData("KubeNodeUnreachable", "node-not-ready")]
    [InlineData("KubeNodeReadinessFlapping", "node-not-ready")]
    [InlineData("KubeletTooManyPods", "node-not-ready")]
    [InlineData("NodeNetworkReceiveErrs", "node-host")]
    [InlineData("NodeNetworkTransmitErrs", "node-host")]
    [InlineData("NodeHighNumberConntrackEntriesUsed", "node-host")]
    [InlineData("NodeClockNotSynchronising", "node-host")]
    [InlineData("NodeClockSkewDetected", "node-host")]
    [InlineData("NodeMemoryMajorPagesFaults", "node-host")]
    public void The_shipped_runbooks_fit_the_mixin_alerts_of_their_kind(string alertName, string runbookId)
    {
        IReadOnlyList<Runbook> runbooks = RunbookLoader.LoadFolder(ShippedRunbooks.Folder);

        Assert.Equal([runbookId], runbooks.Where(r => r.Match.Matches(new Dictionary<string, string> { ["alertname"] = alertName })).Select(r => r.Id));
    }

    [Fact]
    public void The_README_lists_the_alert_names_each_shipped_runbook_matches()
    {
        string readme = File.ReadAllText(Path.Combine(ShippedRunbooks.Folder, "..", "README.md"));

        Assert.All(RunbookLoader.LoadFolder(ShippedRunbooks.Folder), runbook => Assert.Contains(
            $"| `{runbook.Id}` | {string.Join(", ", runbook.Match.AlertNames.Select(name => $"`{name}`"))} |\n", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void The_template_is_itself_a_valid_runbook_using_every_step_kind()
    {
        string file = Path.Combine(ShippedRunbooks.Folder, RunbookLoader.TemplateFile);

        Runbook template = RunbookLoader.Load(file, File.ReadAllText(file));

        Assert.Equal(Enum.GetValues<StepKind>().Order(), template.Steps.Select(s => s.Kind).Distinct().Order());
        Assert.Equal(["U024BE7LH", "@sre-oncall"], template.Allowed);
    }

    [Fact]
    public void A_runbook_fits_the_alerts_its_match_names()
    {
        Runbook runbook = RunbookLoader.Load("restart.md", Valid);

        Assert.True(runbook.Match.Matches(new Dictionary<string, string> { ["alertname"] = "KubePodCrashLooping", ["namespace"] = "payments" }));
        Assert.False(runbook.Match.Matches(new Dictionary<string, string> { ["alertname"] = "HighLatency" }));
        Assert.Equal("Restart it.", runbook.Body);
    }

    [Theory]
    [InlineData("id: restart-deployment", "id: Restart Deployment", "id", "must be lower-case letters")]
    [InlineData("title: Restart a deployment\n", "", "title", "is required")]
    [InlineData("kind: kubernetes.restart", "kind: kubernetes.reboot", "steps[0].kind", "\"kubernetes.reboot\" is not a step kind")]
    [InlineData("kind: kubernetes.restart", "kind: kubernetes.scale", "steps[0].replicas", "kubernetes.scale needs replicas")]
    [InlineData("kind: kubernetes.restart", "kind: wait\n    duration: soon", "steps[0].duration", "\"soon\" is not a duration")]
    [InlineData("kind: kubernetes.restart", "kind: kubernetes.restart\n    deployment: \"{{ params.name }}\"", "steps[0].deployment", "refers to the parameter \"name\", which params does not declare")]
    [InlineData("kind: kubernetes.restart", "kind: kubernetes.restart\n    raise_autoscaler_min: true", "steps[0].raise_autoscaler_min", "only a kubernetes.scale step")]
    [InlineData("default: \"{{ labels.namespace }}\"", "default: \"{{ label.namespace }}\"", "params[0].default", "may only refer to alert labels")]
    [InlineData("steps:", "auto: true\nsteps:", "max_runs_per_hour", "an auto runbook must say how often")]
    [InlineData("steps:", "allowed: [dana]\nsteps:", "allowed", "\"dana\" is neither a Slack user id")]
    [InlineData("steps:", "colour: red\nsteps:", "front matter line 14", "field 'colour' not found")]
    [InlineData("kind: kubernetes.restart", "kind: kubernetes.events", "steps[0].object", "kubernetes.events needs the object whose events it reads")]
    [InlineData("kind: kubernetes.restart", "kind: kubernetes.events\n    object: worker-3", "steps[0].object", "\"worker-3\" must be a kind as Kubernetes spells it")]
    [InlineData("kind: kubernetes.restart", "kind: kubernetes.events\n    object: \"Node/{{ params.node }}\"", "steps[0].object", "refers to the parameter \"node\"")]
    [InlineData("kind: kubernetes.restart", "kind: kubernetes.restart\n    object: Node/worker-3", "steps[0].object", "only a kubernetes.events step")]
    public void A_broken_runbook_fails_naming_the_file_the_field_and_the_problem(string replace, string with, string field, string problem)
    {
        string text = Valid.Replace(replace, with, StringComparison.Ordinal);

        RunbookLoadException error = Assert.Throws<RunbookLoadException>(() => RunbookLoader.Load("runbooks/broken.md", text));

        Assert.Equal(("runbooks/broken.md", field), (error.File, error.Field));
        Assert.StartsWith($"Runbook file runbooks/broken.md: {field}: ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_file_without_front_matter_and_two_runbooks_with_one_id_are_refused()
    {
        string folder = Directory.CreateTempSubdirectory("runbooks-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.md"), Valid);
            File.WriteAllText(Path.Combine(folder, "b.md"), Valid);

            RunbookLoadException twin = Assert.Throws<RunbookLoadException>(() => RunbookLoader.LoadFolder(folder));
            RunbookLoadException plain = Assert.Throws<RunbookLoadException>(() => RunbookLoader.Load("c.md", "# Just Markdown"));

            Assert.Equal(("id", $"Runbook file {Path.Combine(folder, "b.md")}: id: \"restart-deployment\" is already the id of {Path.Combine(folder, "a.md")}; ids must be unique."),
                (twin.Field, twin.Message));
            Assert.Equal("front matter", plain.Field);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
