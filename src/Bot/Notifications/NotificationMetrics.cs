using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>The notification channels' attempts, on the meter "ChatOpsIncidents.Notifications".</summary>
internal sealed class NotificationMetrics(IMeterFactory meters)
{
    public const string MeterName = "ChatOpsIncidents.Notifications";

    private readonly Counter<long> _attempts = meters.Create(MeterName).CreateCounter<long>(
        "chatops.notification.attempts", "{attempt}",
        "Attempts to notify through email, SMS, PagerDuty and webhooks, by channel, event (triggered: the page; acknowledged, resolved: told to PagerDuty and webhooks) and outcome: sent, retried (the channel failed for a while), refused (for good).");

    public void Attempted(PageChannel channel, IncidentStatus happened, string outcome) => _attempts.Add(1, new TagList
    {
        { "channel", channel.ToName() },
        { "event", happened.ToString().ToLowerInvariant() },
        { "outcome", outcome },
    });
}
