using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Tests.Incidents;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(180, "3m")]
    [InlineData(200, "3m 20s")]
    [InlineData(3900, "1h 5m")]
    [InlineData(7200, "2h")]
    [InlineData(183_600, "2d 3h")]
    [InlineData(-5, "0s")]
    public void Durations_read_in_at_most_two_units(int seconds, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromSeconds(seconds)));
    }
}
