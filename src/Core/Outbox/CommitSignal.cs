namespace ChatOpsIncidents.Core.Outbox;

/// <summary>One kind of committed work, for the dispatchers that wait for it. See <see cref="OutboxSignal"/>.</summary>
public sealed class CommitSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the first <see cref="Notify"/> after it was read: read it before looking for work, then await it.</summary>
    public Task NextNotification => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
