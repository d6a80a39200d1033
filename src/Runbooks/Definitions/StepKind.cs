namespace ChatOpsIncidents.Runbooks.Definitions;

public enum StepKind
{
    KubernetesRestart,
    KubernetesScale,
    KubernetesDiagnostics,
    KubernetesWaitRollout,
    Wait,
    HttpCheck,
    KubernetesEvents,
}
