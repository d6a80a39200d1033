namespace ChatOpsIncidents.Core.Incidents;

/// <summary>The database's counts of the postmortems of a period: all of them, and those done in time.</summary>
internal sealed class PostmortemCounts
{
    public long Postmortems { get; init; }

    public long DoneInTime { get; init; }
}
