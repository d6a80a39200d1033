namespace ChatOpsIncidents.Core.Incidents;

/// <summary>One row of the database's sums over the incidents of one period and group; a null group column is not grouped by.</summary>
internal sealed class ResponseSums
{
    public long Period { get; init; }

    public string? Service { get; init; }

    public int? Severity { get; init; }

    public long Incidents { get; init; }

    public long Acknowledged { get; init; }

    public long TicksToAcknowledge { get; init; }

    public long Resolved { get; init; }

    public long TicksToResolve { get; init; }
}
