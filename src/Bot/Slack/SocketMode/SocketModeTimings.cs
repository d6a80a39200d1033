namespace ChatOpsIncidents.Bot.Slack.SocketMode;

/// <summary>How long Socket Mode waits for what, and how it backs off between failed connection attempts.</summary>
internal sealed record SocketModeTimings
{
    /// <summary>A WebSocket ping goes out this often…</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>…and a socket whose pong does not come back within this is dead: it is dropped and replaced.</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A new socket that has not said hello within this is dropped.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan LongestBackoff { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The wait before attempt <paramref name="failures"/> + 1: doubling from <see cref="FirstBackoff"/> up to
    /// <see cref="LongestBackoff"/>, of which a random half is taken off so replicas that lost Slack together do not return together.
    /// </summary>
    public TimeSpan Backoff(int failures, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failures);
        double full = Math.Min(LongestBackoff.TotalSeconds, FirstBackoff.TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 30)));
        return TimeSpan.FromSeconds(full / 2 + (random.NextDouble() * full / 2));
    }
}
