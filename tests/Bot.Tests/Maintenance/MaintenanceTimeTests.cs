using ChatOpsIncidents.Bot.Maintenance;

namespace ChatOpsIncidents.Bot.Tests.Maintenance;

public sealed class MaintenanceTimeTests
{
    /// <summary>Monday 2026-03-02 09:15 UTC, 10:15 in Berlin.</summary>
    private static readonly DateTimeOffset s_now = new(2026, 3, 2, 9, 15, 0, TimeSpan.Zero);
    private static readonly MaintenanceTime s_berlin = MaintenanceTime.For("Europe/Berlin");

    [Theory]
    [InlineData("2026-03-02 22:00", "2026-03-02T21:00:00Z")]
    [InlineData("2026-07-01 22:00", "2026-07-01T20:00:00Z")] // summer time
    [InlineData("22:00", "2026-03-02T21:00:00Z")]
    [InlineData("08:00", "2026-03-03T07:00:00Z")] // passed today in Berlin: tomorrow
    public void A_wall_clock_time_is_read_in_the_persons_zone(string typed, string utc)
    {
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), s_berlin.Read(typed, s_now, out string? error));
        Assert.Null(error);
    }

    [Fact]
    public void Now_is_now() => Assert.Equal(s_now, s_berlin.Read("NOW", s_now, out _));

    [Theory]
    [InlineData("2026-03-29 02:30", "2026-03-29 02:30 does not exist in Europe/Berlin: the clocks skip it.")]
    [InlineData("2026-03-01 22:00", "Sun 2026-03-01 22:00 Europe/Berlin (21:00 UTC) has passed.")]
    [InlineData("tomorrow", "“tomorrow” is not a time: write `now`, `2026-12-08 22:00` or `22:00`, in your time zone (Europe/Berlin).")]
    public void A_time_that_does_not_exist_has_passed_or_is_no_time_is_refused_saying_why(string typed, string why)
    {
        Assert.Null(s_berlin.Read(typed, s_now, out string? error));
        Assert.Equal(why, error);
    }

    [Fact]
    public void A_time_is_shown_in_the_zone_with_its_name_and_in_UTC() =>
        Assert.Equal("Mon 2026-03-02 22:00 Europe/Berlin (21:00 UTC)", s_berlin.Show(new DateTimeOffset(2026, 3, 2, 21, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData(null)]
    [InlineData("Mars/Olympus_Mons")]
    public void Without_a_zone_Slack_knows_times_are_UTC(string? zone) => Assert.Equal("UTC", MaintenanceTime.For(zone).Zone.Id);
}
