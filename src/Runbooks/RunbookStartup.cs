using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Execution;
using ChatOpsIncidents.Runbooks.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Runbooks;

/// <summary>
/// At start: loads the runbooks (a broken file stops the bot with its file, field and problem), checks the Kubernetes
/// configuration, publishes the runbook metrics (so dashboards find them before the first run), and marks this
/// instance's unfinished runs as interrupted. Then, every minute, marks runs of any replica that stopped beating as
/// interrupted, so no run stays "running" forever, and deletes confirmations that expired a day ago.
/// </summary>
internal sealed partial class RunbookStartup(
    IServiceScopeFactory scopes, IOptions<RunbookOptions> options, TimeProvider time, ILogger<RunbookStartup> logger) : BackgroundService
{
    private static readonly TimeSpan s_sweepInterval = TimeSpan.FromMinutes(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (AsyncServiceScope scope = scopes.CreateAsyncScope())
        {
            RunbookCatalog catalog = scope.ServiceProvider.GetRequiredService<RunbookCatalog>();
            KubernetesAccess kubernetes = scope.ServiceProvider.GetRequiredService<KubernetesAccess>();
            LogLoaded(logger, catalog.All.Count, options.Value.FullDirectory);
            _ = scope.ServiceProvider.GetRequiredService<RunbookMetrics>();
            if (kubernetes.Options.IsConfigured)
            {
                _ = kubernetes.Client; // opened now, so a kubeconfig the bot cannot use stops the start, with its reason
            }
            else
            {
                LogKubernetesOff(logger);
            }
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? owner = options.Value.EffectiveInstanceName; // only at start: this instance's own runs cannot be going any more
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                IReadOnlyList<RunbookRun> interrupted = await scope.ServiceProvider.GetRequiredService<RunbookRuns>()
                    .InterruptAbandonedAsync(owner, time.GetUtcNow() - options.Value.AbandonedAfter, stoppingToken);
                await scope.ServiceProvider.GetRequiredService<PendingRunbookRuns>().DeleteOldAsync(stoppingToken);
                foreach (RunbookRun run in interrupted)
                {
                    LogInterrupted(logger, run.Id, run.RunbookId, run.Target);
                }
                owner = null;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(logger, exception);
            }
            await Task.Delay(s_sweepInterval, time, stoppingToken);
        }
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Loaded {Count} runbooks from {Folder}")]
    private static partial void LogLoaded(ILogger logger, int count, string folder);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning,
        Message = "Kubernetes is off: Kubernetes:KubeconfigPath and Kubernetes:InCluster are not set. Runbooks with Kubernetes steps are refused; dry runs still work.")]
    private static partial void LogKubernetesOff(ILogger logger);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Run {Run} of runbook {Runbook} on {Target} was interrupted: the bot stopped while it ran")]
    private static partial void LogInterrupted(ILogger logger, long run, string runbook, string target);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error, Message = "Could not check for interrupted runbook runs; trying again in a minute")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
