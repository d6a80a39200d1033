namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// Client-side rate limits on the <see cref="TimeProvider"/>: one gate per method (its tier budget, with a burst of a tenth
/// of it) and, for <c>chat.postMessage</c>, one gate per channel (one message per second). A 429 pauses the method's gate
/// for <c>Retry-After</c>, so every caller of that method waits, not only the one that was refused.
/// System.Threading.RateLimiting's limiters cannot run on a TimeProvider, hence this small one. Shared by all clients.
/// </summary>
internal sealed class SlackRateLimiter(TimeProvider time)
{
    /// <summary>Idle channel gates are dropped once there are more than this many.</summary>
    private const int MaxChannelGates = 1000;
    private static readonly TimeSpan s_perChannelInterval = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RateGate> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RateGate> _channels = new(StringComparer.Ordinal);

    /// <summary>Takes a slot for one call and returns how long the caller must wait before making it.</summary>
    public TimeSpan Reserve(SlackMethod method, string? channel)
    {
        lock (_lock)
        {
            DateTimeOffset now = time.GetUtcNow();
            TimeSpan wait = MethodGate(method, now).Reserve(now);
            if (method.LimitedPerChannel && channel is not null)
            {
                if (!_channels.TryGetValue(channel, out RateGate? gate))
                {
                    DropIdleChannelGates(now);
                    gate = new RateGate(s_perChannelInterval, burst: 1, now);
                    _channels.Add(channel, gate);
                }
                TimeSpan channelWait = gate.Reserve(now);
                wait = channelWait > wait ? channelWait : wait;
            }
            return wait;
        }
    }

    /// <summary>How long a call of <paramref name="method"/> made now would wait for its method-wide slot; takes no slot.</summary>
    public TimeSpan WaitFor(SlackMethod method)
    {
        lock (_lock)
        {
            DateTimeOffset now = time.GetUtcNow();
            return MethodGate(method, now).WaitAt(now);
        }
    }

    /// <summary>Holds every call of <paramref name="method"/> back for <paramref name="retryAfter"/>, as Slack's 429 asks.</summary>
    public void Pause(SlackMethod method, TimeSpan retryAfter)
    {
        lock (_lock)
        {
            DateTimeOffset now = time.GetUtcNow();
            MethodGate(method, now).PauseUntil(now + retryAfter);
        }
    }

    private RateGate MethodGate(SlackMethod method, DateTimeOffset now)
    {
        if (!_methods.TryGetValue(method.Name, out RateGate? gate))
        {
            gate = method.PerMinute > 0
                ? new RateGate(TimeSpan.FromMinutes(1) / method.PerMinute, burst: Math.Max(1, method.PerMinute / 10), now)
                : new RateGate(TimeSpan.Zero, burst: 1, now); // no budget of its own; still pausable by a 429
            _methods.Add(method.Name, gate);
        }
        return gate;
    }

    private void DropIdleChannelGates(DateTimeOffset now)
    {
        if (_channels.Count < MaxChannelGates)
        {
            return;
        }
        foreach (string channel in _channels.Where(entry => entry.Value.IsIdle(now)).Select(entry => entry.Key).ToList())
        {
            _channels.Remove(channel);
        }
    }
}

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
        TimeSpan wait = WaitAt(now);
        _nextFree = Later(_nextFree, now + wait) + interval;
        return wait;
    }

    /// <summary>How long from <paramref name="now"/> until the next slot starts, without taking it.</summary>
    public TimeSpan WaitAt(DateTimeOffset now) => Later(now, _nextFree - _tolerance) - now;

    /// <summary>No slot starts before <paramref name="until"/>; the burst allowance is gone after the pause.</summary>
    public void PauseUntil(DateTimeOffset until) => _nextFree = Later(_nextFree, until + _tolerance);

    /// <summary>True when the gate behaves like a new one: nothing reserved ahead of <paramref name="now"/>.</summary>
    public bool IsIdle(DateTimeOffset now) => _nextFree <= now;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
