using ChatOpsIncidents.Runbooks.Definitions;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>Which planned step each kind of runbook step becomes: the one place that lists them.</summary>
internal static class StepKinds
{
    /// <exception cref="PlanRefusal">The step's values do not fit.</exception>
    public static PlannedStep Plan(RunbookStep step, StepPlanning planning) => step.Kind switch
    {
        StepKind.KubernetesRestart => new RestartStep(step, planning.Deployment(step), planning.Now),
        StepKind.KubernetesScale => ScaleStep.Plan(step, planning),
        StepKind.KubernetesWaitRollout => new WaitRolloutStep(step, planning.Deployment(step)),
        StepKind.KubernetesDiagnostics => new DiagnosticsStep(step, planning.Deployment(step)),
        StepKind.KubernetesEvents => EventsStep.Plan(step, planning),
        StepKind.Wait => new WaitStep(step),
        StepKind.HttpCheck => HttpCheckStep.Plan(step, planning),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step.Kind, "a step kind without a plan"),
    };
}
