namespace ChatOpsIncidents.Core.Heartbeats;

/// <summary>The dead-man's switch: the always-firing alert whose deliveries prove that Prometheus and Alertmanager reach the bot.</summary>
public sealed class HeartbeatOptions
{
    public const string Section = "Alertmanager:Heartbeat";

    /// <summary>The heartbeat alert's name (its <c>alertname</c> label); its deliveries never open an incident.</summary>
    public string AlertName { get; set; } = "Watchdog";

    /// <summary>
    /// The longest expected time between two deliveries of the heartbeat; when none arrived for this long, a SEV1 incident
    /// "Alerting pipeline silent" opens, and resolves when the heartbeat returns. Null: the switch is off.
    /// </summary>
    public TimeSpan? MaxGap { get; set; }
}
