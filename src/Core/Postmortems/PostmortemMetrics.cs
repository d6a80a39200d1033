using System.Diagnostics.Metrics;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>The postmortem instruments, on the meter "ChatOpsIncidents.Postmortems".</summary>
public sealed class PostmortemMetrics
{
    public const string MeterName = "ChatOpsIncidents.Postmortems";

    private readonly Counter<long> _drafted;
    private readonly Counter<long> _completed;
    private readonly Histogram<double> _timeToComplete;
    private long _overdue;

    public PostmortemMetrics(IMeterFactory meters)
    {
        Meter meter = meters.Create(MeterName);
        _drafted = meter.CreateCounter<long>("chatops.postmortems.drafted", description: "Postmortem drafts generated for resolved incidents.");
        _completed = meter.CreateCounter<long>("chatops.postmortems.completed", description: "Postmortems marked done.");
        meter.CreateObservableGauge("chatops.postmortems.overdue", () => Interlocked.Read(ref _overdue),
            description: "Postmortems not done 72 hours after their incident was resolved.");
        _timeToComplete = meter.CreateHistogram<double>("chatops.postmortem.time_to_complete", "s", "From the incident's resolution to its postmortem marked done.");
    }

    public void Drafted() => _drafted.Add(1);

    public void Completed(TimeSpan sinceResolved)
    {
        _completed.Add(1);
        _timeToComplete.Record(Math.Max(0, sinceResolved.TotalSeconds));
    }

    public void Overdue(long count) => Interlocked.Exchange(ref _overdue, count);
}
