namespace ChatOpsIncidents.Core.Metrics;

/// <summary>
/// Refreshes what an observable gauge reports from the database. The metrics endpoint calls every refresher before
/// it collects, under one short timeout, so a scrape reads fresh values and the gauge callbacks themselves never wait
/// on the database. A refresher that fails or times out keeps its previous values.
/// </summary>
public interface IMetricsRefresher
{
    Task RefreshAsync(CancellationToken cancellationToken);
}
