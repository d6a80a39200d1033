namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// One rate limit as a virtual schedule (the generic cell rate algorithm, equivalent to a token bucket): a call is due no
/// earlier than one <c>interval</c> after the previous one, with up to <c>burst</c> calls at once after a quiet spell.
/// Not thread-safe; <see cref="SlackRateLimiter"/> serializes access.
/// </summary>
internal sealed class RateGate(TimeSpan interval, int burst, DateTimeOffset now)
{
    private readonly TimeSpan _tolerance = interval * (burst - 1);
    private DateTimeOffset _nextFree = now;

    /// <summary>Takes the next slot and says how long from <paramref name="now"/> until it starts.</summary>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        DateTimeOffset startsAt = Later(now, _nextFree - _tolerance);
        _nextFree = Later(_nextFree, startsAt) + interval;
        return startsAt - now;
    }

    /// <summary>No slot starts before <paramref name="until"/>; the burst allowance is gone after the pause.</summary>
    public void PauseUntil(DateTimeOffset until) => _nextFree = Later(_nextFree, until + _tolerance);

    /// <summary>True when the gate behaves like a new one: nothing reserved ahead of <paramref name="now"/>.</summary>
    public bool IsIdle(DateTimeOffset now) => _nextFree <= now;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
