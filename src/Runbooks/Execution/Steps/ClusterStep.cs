using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>A step that calls Kubernetes: fails saying so when Kubernetes is not configured, and with the client's words when a call fails.</summary>
public abstract record ClusterStep(RunbookStep Step) : PlannedStep(Step)
{
    internal sealed override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Kubernetes is not { } kubernetes)
        {
            return StepResult.Failed(KubernetesAccess.NotConfigured);
        }
        try
        {
            return await RunAsync(kubernetes, context, cancellationToken);
        }
        catch (KubernetesCallException exception)
        {
            return StepResult.Failed(exception.Message);
        }
    }

    private protected abstract Task<StepResult> RunAsync(IKubernetesClient kubernetes, StepContext context, CancellationToken cancellationToken);
}
