using ChatOpsIncidents.Core.DueWork;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>What a committed change asks the scheduler for: the due work it started, moved or stopped.</summary>
internal sealed record IncidentWake(IReadOnlyList<IDueWork> Work);
