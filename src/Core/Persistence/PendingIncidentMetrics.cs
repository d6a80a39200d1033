namespace ChatOpsIncidents.Core.Persistence;

/// <summary>One context's incident metrics waiting for its save (<see cref="Saving"/>) or its transaction (<see cref="Uncommitted"/>) to commit.</summary>
internal sealed class PendingIncidentMetrics
{
    public List<Action> Saving { get; } = [];

    public List<Action> Uncommitted { get; } = [];
}
