namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// One context's actions waiting for its save (<see cref="Saving"/>) or its transaction (<see cref="Uncommitted"/>) to commit.
/// A rollback to a savepoint undoes, with the rows, the actions that became uncommitted after the savepoint was made.
/// </summary>
internal sealed class PendingCommitActions
{
    /// <summary>How many actions were uncommitted when each open savepoint was made, the latest on top.</summary>
    private readonly Stack<int> _savepoints = new();

    public List<Action> Saving { get; } = [];

    public List<Action> Uncommitted { get; } = [];

    public void SavepointCreated() => _savepoints.Push(Uncommitted.Count);

    /// <summary>The transaction went back to its latest savepoint, which stays open.</summary>
    public void RolledBackToSavepoint()
    {
        if (_savepoints.TryPeek(out int kept))
        {
            Uncommitted.RemoveRange(kept, Uncommitted.Count - kept);
        }
    }

    public void SavepointReleased() => _savepoints.TryPop(out _);

    /// <summary>The transaction committed (its actions taken) or rolled back: nothing is pending any more.</summary>
    public void TransactionEnded()
    {
        Uncommitted.Clear();
        _savepoints.Clear();
    }
}
