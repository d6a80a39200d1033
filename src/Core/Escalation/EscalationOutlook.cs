namespace ChatOpsIncidents.Core.Escalation;

/// <summary>
/// Where a running escalation goes next: step <see cref="Step"/> of <see cref="Steps"/> of policy <see cref="Policy"/>, due
/// <see cref="At"/>, notifying <see cref="Targets"/> (Slack user ids, or <c>@handle</c> of a Slack user group) as the roster
/// stands then. What the incident card shows while escalation runs.
/// </summary>
public sealed record EscalationOutlook(string Policy, int Step, int Steps, DateTimeOffset At, IReadOnlyList<string> Targets);
