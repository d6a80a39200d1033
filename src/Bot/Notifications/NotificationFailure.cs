namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>
/// An attempt to notify through a channel failed: for a while (<see cref="IsPermanent"/> false: the channel is down, slow or
/// asks to wait <see cref="RetryAfter"/>), and it is tried again; or for good (the channel refused the request), and it is
/// written to the incident's timeline instead.
/// </summary>
internal sealed class NotificationFailure(string message, bool isPermanent, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool IsPermanent { get; } = isPermanent;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
