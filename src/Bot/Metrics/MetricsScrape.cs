using System.Diagnostics.Metrics;
using ChatOpsIncidents.Core.Metrics;

namespace ChatOpsIncidents.Bot.Metrics;

/// <summary>
/// What runs before each scrape: refresh the database-backed gauges (each <see cref="IMetricsRefresher"/>, all within
/// <see cref="RefreshTimeout"/>), then observe the observable instruments. Scrapes are prepared one at a time, so a burst
/// of scrapes cannot pile queries on the database; a refresher that fails or runs out of time leaves its previous values
/// and is counted.
/// </summary>
internal sealed partial class MetricsScrape : IDisposable
{
    public static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(3);

    private readonly PrometheusMeterBridge _bridge;
    private readonly IMetricsRefresher[] _refreshers;
    private readonly TimeProvider _time;
    private readonly ILogger<MetricsScrape> _logger;
    private readonly Counter<long> _refreshFailures;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public MetricsScrape(
        PrometheusMeterBridge bridge, IEnumerable<IMetricsRefresher> refreshers, IMeterFactory meters, TimeProvider time, ILogger<MetricsScrape> logger)
    {
        _bridge = bridge;
        _refreshers = [.. refreshers];
        _time = time;
        _logger = logger;
        _refreshFailures = meters.Create(ServiceLabels.MeterName).CreateCounter<long>(
            "chatops.metrics.refresh_failures", "{failure}", "Scrapes in which a database-backed gauge could not be refreshed and kept its previous value.");
    }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            using var timeout = new CancellationTokenSource(RefreshTimeout, _time);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            foreach (IMetricsRefresher refresher in _refreshers)
            {
                try
                {
                    await refresher.RefreshAsync(limit.Token);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    string gauges = refresher.GetType().Name;
                    _refreshFailures.Add(1, new KeyValuePair<string, object?>("gauges", gauges));
                    LogRefreshFailed(_logger, exception, gauges);
                }
            }
            _bridge.Observe();
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Could not refresh the {Gauges} metrics before a scrape; they keep their previous values")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string gauges);
}
