namespace ChatOpsIncidents.Core.Incidents;

/// <summary>The timestamps MTTA and MTTR are computed from, for one incident.</summary>
public sealed record IncidentTimes(
    string? Service,
    Severity Severity,
    DateTimeOffset OpenedAt,
    DateTimeOffset TriggeredAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt)
{
    /// <summary>From the latest trigger (opening or reopening) to the acknowledgement.</summary>
    public TimeSpan? TimeToAcknowledge => AcknowledgedAt - TriggeredAt;

    /// <summary>From opening to resolution.</summary>
    public TimeSpan? TimeToResolve => ResolvedAt - OpenedAt;
}
