namespace ChatOpsIncidents.Core.FollowUps;

/// <summary>
/// The issue tracker follow-ups are created in (Postmortems:FollowUps): a GitHub repository or a Jira project. A call that
/// fails throws <see cref="FollowUpTrackerException"/>.
/// </summary>
public interface IFollowUpTracker
{
    /// <summary>Where follow-ups become issues, as people read it ("GitHub acme/shop", "Jira OPS"); null when nowhere.</summary>
    string? Name { get; }

    Task<TrackedIssue> CreateAsync(FollowUpIssue issue, CancellationToken cancellationToken);

    /// <summary>Whether the issue <paramref name="key"/> is closed.</summary>
    Task<bool> IsClosedAsync(string key, CancellationToken cancellationToken);
}
