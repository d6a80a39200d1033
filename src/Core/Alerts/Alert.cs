namespace ChatOpsIncidents.Core.Alerts;

/// <summary>An alert attached to an incident, one row per fingerprint, updated in place by every delivery.</summary>
public sealed class Alert
{
    private Alert()
    {
    }

    internal Alert(AlertSignal signal)
    {
        Fingerprint = signal.Fingerprint;
        Labels = new Dictionary<string, string>(signal.Labels);
        Overwrite(signal);
    }

    public long Id { get; private set; }

    public long IncidentId { get; private set; }

    /// <summary>Longest fingerprint stored (Alertmanager's are 16 hex digits).</summary>
    public const int MaxFingerprintLength = 64;

    public string Fingerprint { get; private set; } = "";

    public AlertStatus Status { get; private set; }

    public Dictionary<string, string> Labels { get; private set; } = [];

    public Dictionary<string, string> Annotations { get; private set; } = [];

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset? EndsAt { get; private set; }

    public string? GeneratorUrl { get; private set; }

    public string? AlertName => Labels.GetValueOrDefault("alertname");

    public string? Summary => Annotations.GetValueOrDefault("summary");

    /// <summary>A signal that (re)starts this alert firing: a later episode than the one stored.</summary>
    internal bool IsNewFiring(AlertSignal signal) => signal.Status == AlertStatus.Firing && signal.StartsAt > StartsAt;

    /// <summary>
    /// Applies a delivery (its times already at stored precision) of this alert. Older episodes and a firing copy of an episode already resolved are stale
    /// (deliveries can arrive out of order) and change nothing. Returns whether people should hear about it.
    /// </summary>
    internal bool Apply(AlertSignal signal)
    {
        if (IsStale(signal))
        {
            return false;
        }
        bool noteworthy = signal.Status != Status || IsNewFiring(signal);
        Overwrite(signal);
        return noteworthy;
    }

    /// <summary>True when <see cref="Apply"/> would write nothing: the delivery is stale or equal to what is stored.</summary>
    internal bool IsCurrentWith(AlertSignal signal) => IsStale(signal)
        || (Status == signal.Status && StartsAt == signal.StartsAt && EndsAt == signal.EndsAt && GeneratorUrl == signal.GeneratorUrl
            && LabelSet.AreEqual(Annotations, signal.Annotations));

    private bool IsStale(AlertSignal signal) => signal.StartsAt < StartsAt
        || (signal.StartsAt == StartsAt && Status == AlertStatus.Resolved && signal.Status == AlertStatus.Firing);

    public string Describe() => Summary ?? AlertName ?? Fingerprint;

    private void Overwrite(AlertSignal signal)
    {
        Status = signal.Status;
        StartsAt = signal.StartsAt;
        EndsAt = signal.EndsAt;
        GeneratorUrl = signal.GeneratorUrl;
        Annotations = new Dictionary<string, string>(signal.Annotations); // compared by content: an equal copy writes nothing
    }
}
