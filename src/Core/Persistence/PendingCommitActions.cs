namespace ChatOpsIncidents.Core.Persistence;

/// <summary>One context's actions waiting for its save (<see cref="Saving"/>) or its transaction (<see cref="Uncommitted"/>) to commit.</summary>
internal sealed class PendingCommitActions
{
    public List<Action> Saving { get; } = [];

    public List<Action> Uncommitted { get; } = [];
}
