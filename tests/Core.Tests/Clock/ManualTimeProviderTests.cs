using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Core.Tests.Clock;

/// <summary>The tests' clock: <see cref="ManualTimeProvider.JumpTo"/> wakes what waits once, where stepping wakes it every period.</summary>
public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_poll = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_jump_across_a_day_wakes_a_polling_loop_and_a_periodic_timer_once_at_the_new_time_and_they_go_on_from_there()
    {
        var time = new ManualTimeProvider(s_start);
        List<DateTimeOffset> polled = [], ticked = [];
        PollEvery(time, polled);
        using ITimer periodic = time.CreateTimer(_ => ticked.Add(time.GetUtcNow()), null, s_poll, s_poll);

        time.JumpTo(s_start.AddDays(1));
        time.Advance(s_poll);

        DateTimeOffset woke = s_start.AddDays(1);
        Assert.Equal([woke, woke + s_poll], polled);
        Assert.Equal([woke, woke + s_poll], ticked);
    }

    [Fact]
    public void Stepping_across_a_day_wakes_a_polling_loop_every_period_on_the_way()
    {
        var time = new ManualTimeProvider(s_start);
        List<DateTimeOffset> polled = [];
        PollEvery(time, polled);

        time.SetUtcNow(s_start.AddDays(1));

        Assert.Equal(17_280, polled.Count);
        Assert.Equal((s_start + s_poll, s_start.AddDays(1)), (polled[0], polled[^1]));
    }

    [Fact]
    public void A_timer_that_an_earlier_timer_stops_during_a_jump_does_not_fire()
    {
        var time = new ManualTimeProvider(s_start);
        bool fired = false;
        ITimer later = time.CreateTimer(_ => fired = true, null, TimeSpan.FromMinutes(2), Timeout.InfiniteTimeSpan);
        using ITimer earlier = time.CreateTimer(_ => later.Dispose(), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        time.JumpTo(s_start.AddHours(1));

        Assert.False(fired);
    }

    /// <summary>A loop that waits <see cref="s_poll"/> at a time, as a <c>Task.Delay</c> loop does: each wake schedules the next.</summary>
    private static void PollEvery(ManualTimeProvider time, List<DateTimeOffset> polled)
    {
        void Poll(object? _)
        {
            polled.Add(time.GetUtcNow());
            time.CreateTimer(Poll, null, s_poll, Timeout.InfiniteTimeSpan);
        }
        time.CreateTimer(Poll, null, s_poll, Timeout.InfiniteTimeSpan);
    }
}
