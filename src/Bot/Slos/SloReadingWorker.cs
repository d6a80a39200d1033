using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>
/// Takes the error budget readings SLO incidents want (<see cref="IncidentSloReadings"/>) as soon as this process commits an
/// incident change, and every <see cref="PollInterval"/> for other replicas' changes and for work a crash left. Runs only when
/// <c>Slos:Files</c> names SLOs.
/// </summary>
internal sealed partial class SloReadingWorker(
    IServiceScopeFactory scopes,
    SloCatalog catalog,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<SloReadingWorker> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (catalog.All.Count == 0)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            Task next = signal.TimelineEntries.NextNotification; // before looking, so that a commit in between is not missed
            int taken;
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                taken = await scope.ServiceProvider.GetRequiredService<IncidentSloReadings>().TakeDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, exception); // the database failed: the readings stay due for a later round
                taken = 0;
            }
            if (taken == 0)
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(next, Task.Delay(PollInterval, time, poll.Token));
                await poll.CancelAsync();
                stoppingToken.ThrowIfCancellationRequested();
            }
        }
    }

    [LoggerMessage(EventId = 8002, Level = LogLevel.Error, Message = "Reading the SLO budgets of incidents failed; it will be retried")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
