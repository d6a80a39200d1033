namespace ChatOpsIncidents.Core.Outbox;

/// <summary>
/// Tells this process's dispatchers at once that a commit added work for them, so delivery need not wait for the next poll;
/// each kind of work wakes only the lane that delivers it. Polling stays the fallback: other replicas' commits and work left
/// over from a crash are only found by it.
/// </summary>
public sealed class OutboxSignal
{
    /// <summary>New timeline entries: what the incidents' channels are to be told.</summary>
    public CommitSignal TimelineEntries { get; } = new();

    /// <summary>New escalation pages.</summary>
    public CommitSignal Pages { get; } = new();

    /// <summary>New channel messages: what channels are told apart from any incident.</summary>
    public CommitSignal ChannelMessages { get; } = new();
}
