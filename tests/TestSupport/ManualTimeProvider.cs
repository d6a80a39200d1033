namespace ChatOpsIncidents.TestSupport;

/// <summary>
/// A clock that moves only when a test moves it. Timers created through it (including those behind
/// <c>Task.Delay(delay, timeProvider)</c>, <c>PeriodicTimer</c> and <c>CancellationTokenSource(delay, timeProvider)</c>)
/// fire synchronously on the calling thread inside <see cref="Advance"/> and <see cref="SetUtcNow"/>, in due-time order;
/// while a callback runs, <see cref="GetUtcNow"/> reports that timer's due time. <see cref="JumpTo"/> skips the steps.
/// A timer whose due time has already been reached fires at the next move, so <c>Advance(TimeSpan.Zero)</c> runs it.
/// </summary>
/// <remarks>
/// Thread-safe: moves are serialized, callbacks run outside the internal lock (they may create, change or dispose timers,
/// or read the clock). An exception thrown by a callback propagates out of the move that fired it.
/// </remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly Lock _moveLock = new();
    private readonly List<ManualTimer> _scheduled = [];
    private DateTimeOffset _utcNow;
    private long _nextSequence;

    /// <summary>A clock that reads <paramref name="start"/> (converted to UTC) until it is moved.</summary>
    public ManualTimeProvider(DateTimeOffset start) => _utcNow = start.ToUniversalTime();

    /// <summary>UTC, so local time is the same on every machine.</summary>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Timestamps follow this clock, so <c>GetElapsedTime</c> measures manual time.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _utcNow;
        }
    }

    /// <inheritdoc/>
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward by <paramref name="delta"/> (not negative), firing the timers that fall due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_moveLock)
        {
            MoveTo(GetUtcNow() + delta, wakingUp: false);
        }
    }

    /// <summary>Moves the clock forward to <paramref name="value"/>, firing the timers that fall due on the way; never backwards.</summary>
    public void SetUtcNow(DateTimeOffset value) => MoveForwardTo(value, wakingUp: false);

    /// <summary>
    /// Moves the clock forward to <paramref name="value"/> at once, as a machine waking from sleep: every timer due by then fires
    /// once, late, reading the new time, in due-time order; a periodic one then goes on from the new time. A loop that waits
    /// a few seconds at a time (<c>Task.Delay</c>) wakes once instead of once per period of the whole gap, which is what makes
    /// <see cref="SetUtcNow"/> across days slow; use this when what happens in between does not matter.
    /// </summary>
    public void JumpTo(DateTimeOffset value) => MoveForwardTo(value, wakingUp: true);

    /// <summary>A timer driven by this clock; it fires only inside <see cref="Advance"/>, <see cref="SetUtcNow"/> and <see cref="JumpTo"/>.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void MoveForwardTo(DateTimeOffset value, bool wakingUp)
    {
        lock (_moveLock)
        {
            DateTimeOffset now = GetUtcNow();
            if (value < now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Time only moves forward; it is already {now:O}.");
            }
            MoveTo(value, wakingUp);
        }
    }

    /// <param name="wakingUp">
    /// The clock reads <paramref name="target"/> at once and only the timers scheduled before the move fire, once each (<see cref="JumpTo"/>);
    /// otherwise it steps from due time to due time (<see cref="Advance"/>).
    /// </param>
    private void MoveTo(DateTimeOffset target, bool wakingUp)
    {
        long scheduledBefore;
        lock (_lock)
        {
            scheduledBefore = _nextSequence;
            if (wakingUp)
            {
                _utcNow = target;
            }
        }
        while (true)
        {
            ManualTimer? next = null;
            lock (_lock)
            {
                foreach (ManualTimer timer in _scheduled)
                {
                    if (timer.DueAt <= target && (!wakingUp || timer.Sequence < scheduledBefore)
                        && (next is null || timer.DueAt < next.DueAt || (timer.DueAt == next.DueAt && timer.Sequence < next.Sequence)))
                    {
                        next = timer;
                    }
                }
                if (next is null)
                {
                    _utcNow = target > _utcNow ? target : _utcNow;
                    return;
                }
                _utcNow = next.DueAt > _utcNow ? next.DueAt : _utcNow;
                if (next.Period > TimeSpan.Zero)
                {
                    next.DueAt = (wakingUp ? target : next.DueAt) + next.Period;
                    next.Sequence = _nextSequence++;
                }
                else
                {
                    _scheduled.Remove(next);
                }
            }
            next.Fire();
        }
    }

    private bool Change(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "Use a non-negative time or Timeout.InfiniteTimeSpan.");
        }
        if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "Use a non-negative time or Timeout.InfiniteTimeSpan.");
        }
        lock (_lock)
        {
            if (timer.IsDisposed)
            {
                return false;
            }
            _scheduled.Remove(timer);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = _utcNow + dueTime;
                timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period; // zero: one-shot
                timer.Sequence = _nextSequence++;
                _scheduled.Add(timer);
            }
            return true;
        }
    }

    private void Dispose(ManualTimer timer)
    {
        lock (_lock)
        {
            timer.IsDisposed = true;
            _scheduled.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        // Guarded by owner._lock.
        public DateTimeOffset DueAt { get; set; }
        public TimeSpan Period { get; set; }
        public long Sequence { get; set; }
        public bool IsDisposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Change(this, dueTime, period);

        public void Fire() => callback(state);

        public void Dispose() => owner.Dispose(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
