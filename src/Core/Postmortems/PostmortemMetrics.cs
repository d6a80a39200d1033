using System.Diagnostics.Metrics;
using ChatOpsIncidents.Core.Metrics;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// The postmortem instruments, on the meter "ChatOpsIncidents.Postmortems". The overdue count comes from the database before
/// each scrape (<see cref="IMetricsRefresher"/>), so it is right across replicas and restarts.
/// </summary>
public sealed class PostmortemMetrics : IMetricsRefresher
{
    public const string MeterName = "ChatOpsIncidents.Postmortems";

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Counter<long> _drafted;
    private readonly Counter<long> _completed;
    private readonly Histogram<double> _timeToComplete;
    private long _overdue;

    public PostmortemMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        Meter meter = meters.Create(MeterName);
        _drafted = meter.CreateCounter<long>("chatops.postmortems.drafted", description: "Postmortem drafts generated for resolved incidents.");
        _completed = meter.CreateCounter<long>("chatops.postmortems.completed", description: "Postmortems marked done.");
        _timeToComplete = meter.CreateHistogram<double>("chatops.postmortem.time_to_complete", "s", "From the incident's resolution to its postmortem marked done.");
        meter.CreateObservableGauge("chatops.postmortems.overdue", () => Interlocked.Read(ref _overdue),
            description: "Postmortems not done 72 hours after their incident was resolved.");
    }

    public void Drafted() => _drafted.Add(1);

    public void Completed(TimeSpan sinceResolved)
    {
        _completed.Add(1);
        _timeToComplete.Record(Math.Max(0, sinceResolved.TotalSeconds));
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        DateTimeOffset resolvedBefore = _time.GetStorableUtcNow() - Postmortem.OverdueAfterResolution;
        Interlocked.Exchange(ref _overdue, await db.Postmortems.LongCountAsync(p => p.CompletedAt == null && p.ResolvedAt <= resolvedBefore, cancellationToken));
    }
}
