namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>
/// One step. Kubernetes steps name their deployment through <see cref="Namespace"/> and <see cref="Deployment"/>, templates
/// over the parameters (<c>{{ params.namespace }}</c> unless the file says otherwise); kubernetes.events its <see cref="EventsOf"/>.
/// </summary>
public sealed record RunbookStep(StepKind Kind, string Name)
{
    public const string DefaultNamespace = "{{ params.namespace }}";
    public const string DefaultDeployment = "{{ params.deployment }}";

    public string Namespace { get; init; } = DefaultNamespace;

    public string Deployment { get; init; } = DefaultDeployment;

    /// <summary>kubernetes.scale: the replica count (a number or a template), kept within <see cref="Min"/>..<see cref="Max"/>.</summary>
    public string? Replicas { get; init; }

    public int Min { get; init; }

    public int Max { get; init; }

    /// <summary>kubernetes.scale: when a HorizontalPodAutoscaler manages the deployment, raise its minimum instead of scaling.</summary>
    public bool RaiseAutoscalerMin { get; init; }

    /// <summary>kubernetes.wait-rollout: how long to wait at most (else the deployment's progress deadline plus a minute).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>wait: how long.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>http.check: the URL (may use templates) and the status it must answer.</summary>
    public string? Url { get; init; }

    public int ExpectStatus { get; init; } = 200;

    /// <summary>http.check: the hosts (<c>host</c> or <c>host:port</c>, <c>*</c> for one name label) its URL may name.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>kubernetes.diagnostics: log lines per container.</summary>
    public int TailLines { get; init; } = 100;

    /// <summary>kubernetes.events: whose events, as <c>Kind/name</c> with the kind spelt as Kubernetes does and the name a template.</summary>
    public string? EventsOf { get; init; }

    public bool ChangesCluster => Kind is StepKind.KubernetesRestart or StepKind.KubernetesScale;

    public bool UsesKubernetes => NamesDeployment || Kind == StepKind.KubernetesEvents;

    /// <summary>The step works on one deployment (<see cref="Namespace"/> and <see cref="Deployment"/>); kubernetes.events names its object instead.</summary>
    public bool NamesDeployment => Kind is StepKind.KubernetesRestart or StepKind.KubernetesScale or StepKind.KubernetesDiagnostics or StepKind.KubernetesWaitRollout;

    public static string KindName(StepKind kind) => kind switch
    {
        StepKind.KubernetesRestart => "kubernetes.restart",
        StepKind.KubernetesScale => "kubernetes.scale",
        StepKind.KubernetesDiagnostics => "kubernetes.diagnostics",
        StepKind.KubernetesWaitRollout => "kubernetes.wait-rollout",
        StepKind.KubernetesEvents => "kubernetes.events",
        StepKind.Wait => "wait",
        _ => "http.check",
    };
}
