namespace ChatOpsIncidents.Core.FollowUps;

/// <summary>
/// The tracker did not do what was asked. <see cref="IsPermanent"/> when asking again cannot help (a 4xx such as 404 or 422);
/// otherwise (5xx, 429, timeouts, no connection) it is tried again, after <see cref="RetryAfter"/> when the tracker said.
/// The message names the call and the tracker's answer, never a credential.
/// </summary>
public sealed class FollowUpTrackerException(string message, bool isPermanent, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool IsPermanent { get; } = isPermanent;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
