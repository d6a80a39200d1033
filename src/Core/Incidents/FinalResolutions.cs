using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Persistence;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// Final resolutions as due work (planned by <see cref="FinalResolutionService"/>): when the reopen window after an incident's
/// latest resolution has passed, its time to resolve is counted.
/// </summary>
internal sealed class FinalResolutions(IncidentsDbContext db) : IncidentDueWorkKind<FinalResolution>(KindName, db)
{
    public const string KindName = "final-resolutions";

    protected override void Fire(FinalResolution resolution, DateTimeOffset dueAt, DateTimeOffset now) => resolution.Count(now);
}
