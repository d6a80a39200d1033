using ChatOpsIncidents.Core.OnCall;

namespace ChatOpsIncidents.Core.Tests.OnCall;

public sealed class OnCallCalculatorTests
{
    private static OnCallSchedule Weekly(params OnCallOverride[] overrides) => new()
    {
        TimeZone = "Europe/Berlin",
        Layers = [new OnCallLayer { Participants = ["UALICE", "UBOB", "UCAROL"], RotationDays = 7, HandoffTime = new TimeOnly(9, 0), StartDate = new DateOnly(2026, 3, 2) }],
        Overrides = [.. overrides],
    };

    private static DateTimeOffset Berlin(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").GetUtcOffset(new DateTime(2026, month, day, hour, minute, 0)));

    [Fact]
    public void The_first_participant_is_on_call_from_the_first_handoff_and_nobody_before()
    {
        Assert.Empty(OnCallCalculator.WhoIsOnCall(Weekly(), Berlin(3, 2, 8, 59)));
        Assert.Equal(["UALICE"], OnCallCalculator.WhoIsOnCall(Weekly(), Berlin(3, 2, 9, 0)));
    }

    [Fact]
    public void The_rotation_hands_off_at_the_handoff_time_and_wraps_around()
    {
        Assert.Equal(["UALICE"], OnCallCalculator.WhoIsOnCall(Weekly(), Berlin(3, 9, 8, 59)));
        Assert.Equal(["UBOB"], OnCallCalculator.WhoIsOnCall(Weekly(), Berlin(3, 9, 9, 0)));
        Assert.Equal(["UCAROL"], OnCallCalculator.WhoIsOnCall(Weekly(), Berlin(3, 16, 9, 0)));
        Assert.Equal(["UALICE"], OnCallCalculator.WhoIsOnCall(Weekly(), Berlin(3, 23, 9, 0)));
    }

    [Fact]
    public void Across_the_spring_DST_change_the_handoff_stays_at_nine_local_time()
    {
        // Berlin moves from UTC+1 to UTC+2 on 2026-03-29; the handoff on Monday 30 March is at 07:00 UTC, not 08:00.
        var beforeHandoff = new DateTimeOffset(2026, 3, 30, 6, 59, 0, TimeSpan.Zero);
        var atHandoff = new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero);

        Assert.Equal(["UALICE"], OnCallCalculator.WhoIsOnCall(Weekly(), beforeHandoff));
        Assert.Equal(["UBOB"], OnCallCalculator.WhoIsOnCall(Weekly(), atHandoff));
        AssertShift(atHandoff, ["UBOB"], OnCallCalculator.Next(Weekly(), beforeHandoff));
    }

    [Fact]
    public void Across_the_autumn_DST_change_the_handoff_stays_at_nine_local_time()
    {
        // Berlin moves back to UTC+1 on 2026-10-25; the handoff on Monday 26 October is at 08:00 UTC.
        var nextHandoff = new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero);

        OnCallShift? next = OnCallCalculator.Next(Weekly(), nextHandoff.AddHours(-2));

        Assert.Equal(nextHandoff, next?.From);
        Assert.NotEqual(OnCallCalculator.WhoIsOnCall(Weekly(), nextHandoff.AddMinutes(-1)), OnCallCalculator.WhoIsOnCall(Weekly(), nextHandoff));
    }

    [Fact]
    public void An_override_replaces_the_rotation_for_its_window_only()
    {
        OnCallSchedule schedule = Weekly(new OnCallOverride { User = "UDAVE", From = Berlin(3, 3, 18), To = Berlin(3, 4, 9) });

        Assert.Equal(["UALICE"], OnCallCalculator.WhoIsOnCall(schedule, Berlin(3, 3, 17, 59)));
        Assert.Equal(["UDAVE"], OnCallCalculator.WhoIsOnCall(schedule, Berlin(3, 3, 18)));
        Assert.Equal(["UALICE"], OnCallCalculator.WhoIsOnCall(schedule, Berlin(3, 4, 9)));
        AssertShift(Berlin(3, 3, 18), ["UDAVE"], OnCallCalculator.Next(schedule, Berlin(3, 3, 12)));
        AssertShift(Berlin(3, 4, 9), ["UALICE"], OnCallCalculator.Next(schedule, Berlin(3, 3, 20)));
    }

    [Fact]
    public void Every_layer_contributes_its_current_participant()
    {
        OnCallSchedule schedule = Weekly();
        schedule.Layers.Add(new OnCallLayer { Participants = ["USECOND1", "USECOND2"], RotationDays = 1, HandoffTime = new TimeOnly(18, 0), StartDate = new DateOnly(2026, 3, 1) });

        Assert.Equal(["UALICE", "USECOND1"], OnCallCalculator.WhoIsOnCall(schedule, Berlin(3, 2, 12)));
        Assert.Equal(["UALICE", "USECOND2"], OnCallCalculator.WhoIsOnCall(schedule, Berlin(3, 2, 18)));
        Assert.Equal(["UALICE", "USECOND1"], OnCallCalculator.WhoIsOnCall(schedule, Berlin(3, 3, 18)));
    }

    private static void AssertShift(DateTimeOffset from, string[] users, OnCallShift? shift)
    {
        Assert.NotNull(shift);
        Assert.Equal(from, shift.From);
        Assert.Equal(users, shift.Users);
    }

    [Fact]
    public void Twelve_hour_turns_hand_off_at_nine_and_twenty_one_local_time_across_the_spring_DST_change()
    {
        var schedule = new OnCallSchedule
        {
            TimeZone = "Europe/Berlin",
            Layers = [new OnCallLayer { Participants = ["UALICE", "UBOB"], RotationHours = 12, HandoffTime = new TimeOnly(9, 0), StartDate = new DateOnly(2026, 3, 27) }],
        };

        Assert.Equal(["UALICE"], OnCallCalculator.WhoIsOnCall(schedule, Berlin(3, 28, 20, 59)));
        Assert.Equal(["UBOB"], OnCallCalculator.WhoIsOnCall(schedule, Berlin(3, 28, 21, 0)));
        // Berlin moves from UTC+1 to UTC+2 at 02:00 on 29 March: that night's turn is 11 hours long, the handoff stays at 09:00.
        Assert.Equal(["UBOB"], OnCallCalculator.WhoIsOnCall(schedule, new DateTimeOffset(2026, 3, 29, 6, 59, 0, TimeSpan.Zero)));
        Assert.Equal(["UALICE"], OnCallCalculator.WhoIsOnCall(schedule, new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero)));
        OnCallShift? next = OnCallCalculator.Next(schedule, Berlin(3, 29, 9, 0));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 19, 0, 0, TimeSpan.Zero), next?.From); // 21:00 local
        Assert.Equal(["UBOB"], next?.Users);
    }

    [Fact]
    public void The_shifts_of_two_weeks_start_with_who_is_on_call_now_and_follow_each_handoff_and_override()
    {
        var takeover = new OnCallOverride { User = "UDAVE", From = Berlin(3, 11, 12), To = Berlin(3, 12, 12) };

        IReadOnlyList<OnCallShift> shifts = OnCallCalculator.Shifts(Weekly(takeover), Berlin(3, 5, 10), Berlin(3, 19, 10));

        Assert.Equal(
            [
                (Berlin(3, 5, 10), "UALICE"), (Berlin(3, 9, 9), "UBOB"), (Berlin(3, 11, 12), "UDAVE"), (Berlin(3, 12, 12), "UBOB"),
                (Berlin(3, 16, 9), "UCAROL"),
            ],
            shifts.Select(shift => (shift.From, string.Join(",", shift.Users))));
    }
}
