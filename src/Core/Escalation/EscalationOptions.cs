namespace ChatOpsIncidents.Core.Escalation;

public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>Tried in order; the first whose services and severities match an incident escalates it. None: no escalation.</summary>
    public List<EscalationPolicy> Policies { get; set; } = [];

    /// <summary>What stops an incident's escalation besides leaving Triggered: an ack only, or any change a person makes.</summary>
    public EscalationStop StopOn { get; set; } = EscalationStop.AnyHumanAction;

    /// <summary>
    /// A reopened incident does not page again anyone it paged this recently before it reopened: a flapping alert wakes a person
    /// once, not at each reopening. Zero: every reopening pages again.
    /// </summary>
    public TimeSpan RepageAfterReopen { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Named groups of Slack user ids that steps can notify.</summary>
    public Dictionary<string, string[]> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
