namespace ChatOpsIncidents.Core.Escalation;

/// <summary>What stops an incident's escalation while it is still triggered (<see cref="EscalationOptions.StopOn"/>).</summary>
public enum EscalationStop
{
    /// <summary>Only acknowledging (or resolving) stops it: someone may take command and still want the on-call paged.</summary>
    Acknowledge,

    /// <summary>
    /// Any change a person makes through Slack or the API (assigning, taking command, a note, a severity change) stops it too:
    /// someone is on the incident, so nobody else needs waking.
    /// </summary>
    AnyHumanAction,
}
