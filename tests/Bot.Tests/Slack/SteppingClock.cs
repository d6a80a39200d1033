using System.Diagnostics;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>
/// A <see cref="ManualTimeProvider"/> that tells waits (<c>Task.Delay</c>, periodic timers) from deadlines
/// (<c>CancellationTokenSource</c> timeouts). <see cref="RunAsync(Task)"/> moves time only while something waits on the
/// clock, and then to the next timer due of either kind, one at a time: backoff, Retry-After and rate-limit waits pass in
/// no real time, a request in flight is never timed out merely because it takes real milliseconds, and a deadline fires
/// exactly when a wait (such as a slow answer) runs past it.
/// </summary>
public sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private static readonly TimeSpan s_settle = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan s_realTimeLimit = TimeSpan.FromMinutes(2);
    private readonly ManualTimeProvider _manual = new(start);
    private readonly Lock _lock = new();
    private readonly HashSet<TrackedTimer> _timers = [];

    public override TimeZoneInfo LocalTimeZone => _manual.LocalTimeZone;

    public override long TimestampFrequency => _manual.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _manual.GetUtcNow();

    public override long GetTimestamp() => _manual.GetTimestamp();

    /// <summary>Moves the clock by <paramref name="delta"/>, firing waits and deadlines on the way, whatever is in flight.</summary>
    public void Advance(TimeSpan delta) => _manual.Advance(delta);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, isWait: state is not CancellationTokenSource);
        timer.Start(
            _manual.CreateTimer(s => { timer.Fired(); callback(s); }, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan), dueTime, period);
        return timer;
    }

    /// <summary>Runs <paramref name="task"/> to completion on this clock (see the class summary) and returns its result.</summary>
    public async Task<T> RunAsync<T>(Task<T> task)
    {
        await RunAsync((Task)task);
        return await task;
    }

    /// <summary>
    /// Runs <paramref name="task"/> to completion on this clock; fails after minutes of real time. The bound is real time, not
    /// a count of clock moves: the bot's own polling loops wait on the clock too, so moves grow with the real time a slow
    /// machine spends on work in flight.
    /// </summary>
    public async Task RunAsync(Task task)
    {
        long started = Stopwatch.GetTimestamp();
        while (!task.IsCompleted)
        {
            if (Stopwatch.GetElapsedTime(started) > s_realTimeLimit)
            {
                throw new TimeoutException($"The task did not complete within {s_realTimeLimit.TotalMinutes} minutes; it waits for something that never comes.");
            }
            await Task.WhenAny(task, Task.Delay(s_settle, TimeProvider.System));
            if (!task.IsCompleted && NextDue() is { } due)
            {
                DateTimeOffset now = GetUtcNow();
                _manual.SetUtcNow(due > now ? due : now);
            }
        }
        await task;
    }

    /// <summary>The earliest timer due, when anything waits on the clock; null while only deadlines run (requests in flight).</summary>
    private DateTimeOffset? NextDue()
    {
        lock (_lock)
        {
            return _timers.Any(timer => timer.IsWait) ? _timers.Min(timer => timer.DueAt) : null;
        }
    }

    private sealed class TrackedTimer(SteppingClock clock, bool isWait) : ITimer
    {
        private ITimer _inner = null!;
        private TimeSpan _period;

        public bool IsWait { get; } = isWait;

        public DateTimeOffset DueAt { get; private set; }

        public void Start(ITimer inner, TimeSpan dueTime, TimeSpan period)
        {
            _inner = inner;
            Change(dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = clock.GetUtcNow() + dueTime;
                    _period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                    clock._timers.Add(this);
                }
            }
            return _inner.Change(dueTime, period);
        }

        public void Fired()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                if (_period > TimeSpan.Zero)
                {
                    DueAt += _period;
                    clock._timers.Add(this);
                }
            }
        }

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
            }
            _inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
