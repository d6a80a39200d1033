using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>What steps run with: the Kubernetes client (null when not configured), HTTP, the clock, and a heartbeat to call while waiting.</summary>
internal sealed class StepContext(IKubernetesClient? kubernetes, HttpClient http, TimeProvider time, Func<Task> beat)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    public IKubernetesClient? Kubernetes { get; } = kubernetes;

    public HttpClient Http { get; } = http;

    public TimeProvider Time { get; } = time;

    /// <summary>Shows the run is alive (written at most every <see cref="RunbookRunner.HeartbeatInterval"/>).</summary>
    public Task BeatAsync() => beat();
}
