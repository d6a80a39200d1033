namespace ChatOpsIncidents.Core.FollowUps;

/// <summary>No tracker configured: follow-ups live in the postmortem only.</summary>
public sealed class NoFollowUpTracker : IFollowUpTracker
{
    public string? Name => null;

    public Task<TrackedIssue> CreateAsync(FollowUpIssue issue, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No follow-up tracker is configured (Postmortems:FollowUps).");

    public Task<bool> IsClosedAsync(string key, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No follow-up tracker is configured (Postmortems:FollowUps).");
}
