using ChatOpsIncidents.Core.Events;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Events;

/// <summary>Deletes events older than <see cref="EventsOptions.Retention"/>: at start, then every hour.</summary>
internal sealed partial class EventPruning(
    IServiceScopeFactory scopes, IOptions<EventsOptions> options, TimeProvider time, ILogger<EventPruning> logger) : BackgroundService
{
    private static readonly TimeSpan s_interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_interval, time);
        do
        {
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                int pruned = await scope.ServiceProvider.GetRequiredService<EventRetention>().PruneAsync(options.Value.Retention, stoppingToken);
                LogPruned(logger, pruned);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception); // the next round tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1221, Level = LogLevel.Debug, Message = "Pruned {Count} events past their retention")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(EventId = 1222, Level = LogLevel.Warning, Message = "Could not prune events past their retention; trying again within the hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
