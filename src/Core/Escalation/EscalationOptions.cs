namespace ChatOpsIncidents.Core.Escalation;

public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>Tried in order; the first whose services and severities match an incident escalates it. None: no escalation.</summary>
    public List<EscalationPolicy> Policies { get; set; } = [];

    /// <summary>What stops an incident's escalation besides leaving Triggered: an ack only, or any change a person makes.</summary>
    public EscalationStop StopOn { get; set; } = EscalationStop.AnyHumanAction;

    /// <summary>Named groups of Slack user ids that steps can notify.</summary>
    public Dictionary<string, string[]> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
