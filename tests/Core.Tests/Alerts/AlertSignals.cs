using ChatOpsIncidents.Core.Alerts;

namespace ChatOpsIncidents.Core.Tests.Alerts;

/// <summary>Alert groups as Alertmanager would deliver them.</summary>
internal static class AlertSignals
{
    public const string GroupKey = "{}:{alertname=\"KubePodCrashLooping\", namespace=\"payments\"}";

    public static readonly DateTimeOffset StartsAt = new(2026, 3, 2, 9, 14, 7, 512, TimeSpan.Zero);

    public static AlertSignal Firing(string fingerprint, DateTimeOffset? startsAt = null, string severity = "critical", string? summary = null) => new(
        fingerprint,
        AlertStatus.Firing,
        new Dictionary<string, string>
        {
            ["alertname"] = "KubePodCrashLooping",
            ["namespace"] = "payments",
            ["job"] = "kube-state-metrics",
            ["pod"] = $"checkout-api-{fingerprint}",
            ["severity"] = severity,
        },
        new Dictionary<string, string> { ["summary"] = summary ?? $"Pod checkout-api-{fingerprint} is crash looping" },
        startsAt ?? StartsAt,
        null,
        "http://prometheus.example:9090/graph?g0.expr=up");

    /// <summary>A firing burn-rate alert of the SLO checkout-availability at Sloth's <paramref name="level"/> (page or ticket), with this severity label.</summary>
    public static AlertSignal BurnRateAlert(string fingerprint, string level, string severity) => Firing(fingerprint, severity: severity) with
    {
        Labels = new Dictionary<string, string>
        {
            ["alertname"] = "CheckoutAvailabilityBudgetBurn",
            ["sloth_id"] = "checkout-availability",
            ["sloth_service"] = "checkout",
            ["sloth_slo"] = "availability",
            ["sloth_severity"] = level,
            ["severity"] = severity,
        },
    };

    public static AlertSignal Resolved(this AlertSignal firing, DateTimeOffset endsAt) => firing with { Status = AlertStatus.Resolved, EndsAt = endsAt };

    public static AlertGroupSignal Group(params AlertSignal[] alerts) => GroupWithKey(GroupKey, alerts);

    public static AlertGroupSignal GroupWithKey(string groupKey, params AlertSignal[] alerts) => new(
        groupKey,
        "incident-bot",
        "http://alertmanager.example:9093",
        new Dictionary<string, string> { ["alertname"] = "KubePodCrashLooping", ["namespace"] = "payments", ["job"] = "kube-state-metrics" },
        alerts);
}
