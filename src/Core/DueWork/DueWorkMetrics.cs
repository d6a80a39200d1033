using System.Diagnostics.Metrics;

namespace ChatOpsIncidents.Core.DueWork;

/// <summary>How due work fires, by kind (escalation-steps, postmortem-reminders, final-resolutions), on the meter <see cref="MeterName"/>.</summary>
public sealed class DueWorkMetrics(IMeterFactory meters)
{
    public const string MeterName = "ChatOpsIncidents.DueWork";

    private readonly Histogram<double> _lag = meters.Create(MeterName).CreateHistogram<double>(
        "chatops.due_work.lag", "s", "From the time work was due to the time it fired, by kind.");

    private readonly Counter<long> _overdueFired = meters.Create(MeterName).CreateCounter<long>(
        "chatops.due_work.overdue_fired", description: "Due work the safety net fired because its trigger was late or lost, by kind.");

    public void Fired(string kind, TimeSpan lag) => _lag.Record(Math.Max(0, lag.TotalSeconds), Kind(kind));

    public void OverdueFired(string kind) => _overdueFired.Add(1, Kind(kind));

    private static KeyValuePair<string, object?> Kind(string kind) => new("kind", kind);
}
