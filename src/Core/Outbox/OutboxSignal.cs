namespace ChatOpsIncidents.Core.Outbox;

/// <summary>
/// Tells this process's dispatcher at once that a commit added timeline entries, so delivery need not wait for the next
/// poll. Polling stays the fallback: other replicas' commits and work left over from a crash are only found by it.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the first <see cref="Notify"/> after it was read: read it before looking for work, then await it.</summary>
    public Task NextNotification => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
