using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;
using k8s;
using k8s.Models;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>
/// <c>kubernetes.wait-rollout</c>: follows the rollout as <c>kubectl rollout status</c> does, listing the deployment and then
/// watching it from that list's resource version, until the rollout is done, failed, or out of time (the step's timeout,
/// else the deployment's progress deadline plus a minute). Each watch lasts at most a heartbeat interval, so the run beats
/// between them and a watch the server cut short is simply started again.
/// </summary>
public sealed record WaitRolloutStep(RunbookStep Step, DeploymentRef Deployment) : KubernetesStep(Step, Deployment)
{
    private static readonly int s_watchSeconds = (int)RunbookRunner.HeartbeatInterval.TotalSeconds;

    public override string Description => $"wait for the rollout of deployment {Deployment}";

    public override IReadOnlyList<KubernetesRequest> Requests => [KubernetesRequests.ListDeployment(Deployment)];

    public override string LaterRequests => "then watches it from that list's resourceVersion (watch=true) until the rollout is done or fails";

    private protected override async Task<StepResult> RunAsync(IKubernetesClient kubernetes, StepContext context, CancellationToken cancellationToken)
    {
        DateTimeOffset started = context.Time.GetUtcNow();
        TimeSpan? limit = Step.Timeout;
        while (true)
        {
            V1DeploymentList list = await kubernetes.ListDeploymentAsync(Deployment, cancellationToken);
            if (list.Items.FirstOrDefault() is not { } deployment)
            {
                return StepResult.Failed($"deployments {Deployment.Name} was not found in namespace {Deployment.Namespace}");
            }
            limit ??= TimeSpan.FromSeconds(deployment.Spec.ProgressDeadlineSeconds ?? 600) + TimeSpan.FromMinutes(1);
            RolloutStatus status = RolloutStatus.Of(deployment);
            if (status.State == RolloutState.Waiting)
            {
                status = await WatchAsync(kubernetes, list.ResourceVersion(), status, cancellationToken);
            }
            if (status.State != RolloutState.Waiting)
            {
                return status.State == RolloutState.Done ? StepResult.Done(status.Message) : StepResult.Failed(status.Message);
            }
            if (context.Time.GetUtcNow() - started >= limit)
            {
                return StepResult.Failed($"the rollout did not finish within {limit}: {status.Message}");
            }
            await context.BeatAsync();
            await Task.Delay(StepContext.PollInterval, context.Time, cancellationToken);
        }
    }

    /// <summary>The status once the rollout is no longer waiting, or when the watch ends; a deleted deployment fails it.</summary>
    private async Task<RolloutStatus> WatchAsync(IKubernetesClient kubernetes, string resourceVersion, RolloutStatus status, CancellationToken cancellationToken)
    {
        await foreach ((WatchEventType type, V1Deployment changed) in kubernetes.WatchDeploymentAsync(Deployment, resourceVersion, s_watchSeconds, cancellationToken))
        {
            status = type switch
            {
                WatchEventType.Added or WatchEventType.Modified => RolloutStatus.Of(changed),
                WatchEventType.Deleted => new RolloutStatus(RolloutState.Failed, $"deployment {Deployment} was deleted during its rollout"),
                _ => status, // bookmarks, and errors that end the watch
            };
            if (status.State != RolloutState.Waiting)
            {
                break;
            }
        }
        return status;
    }
}
