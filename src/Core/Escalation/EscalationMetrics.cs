using System.Diagnostics.Metrics;

namespace ChatOpsIncidents.Core.Escalation;

/// <summary>The escalation instruments, on the meter "ChatOpsIncidents.Escalation".</summary>
public sealed class EscalationMetrics
{
    public const string MeterName = "ChatOpsIncidents.Escalation";

    private readonly Counter<long> _steps;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _pages;

    public EscalationMetrics(IMeterFactory meters)
    {
        Meter meter = meters.Create(MeterName);
        _steps = meter.CreateCounter<long>("chatops.escalation.steps", description: "Escalation steps fired, by severity and outcome (notified, nobody_to_notify, paged_recently: everyone it names was paged just before the incident reopened).");
        _lag = meter.CreateHistogram<double>("chatops.escalation.lag", "s", "From the time an escalation step was due to the time its notifications were sent.");
        _pages = meter.CreateCounter<long>(
            "chatops.escalation.pages",
            description: "Escalation pages (one per person, address, number, PagerDuty service or webhook a step notifies) by channel (slack, email, sms, pagerduty, webhook) and outcome: sent, not_needed (acknowledged or resolved first), refused (the channel refused it for good), handed_on (a Slack user group's page, passed to its members).");
    }

    public void StepFired(string severity, string outcome) =>
        _steps.Add(1, new KeyValuePair<string, object?>("severity", severity), new KeyValuePair<string, object?>("outcome", outcome));

    public void NotificationSent(TimeSpan lag) => _lag.Record(Math.Max(0, lag.TotalSeconds));

    public void PageFinished(PageChannel channel, PageOutcome outcome, int count = 1) => _pages.Add(
        count, new KeyValuePair<string, object?>("channel", channel.ToName()), new KeyValuePair<string, object?>("outcome", outcome.ToName()));
}
