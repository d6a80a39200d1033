using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Tests.Incidents;

public sealed class ResponseStatisticsTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static IncidentTimes Times(string? service, Severity severity, int ackMinutes, int? resolveMinutes) => new(
        service, severity, s_t0, s_t0, s_t0.AddMinutes(ackMinutes), resolveMinutes is { } m ? s_t0.AddMinutes(m) : null);

    [Fact]
    public void Means_count_only_incidents_that_reached_the_state_and_groups_are_by_service()
    {
        IncidentTimes[] incidents =
        [
            Times("checkout", Severity.Sev1, ackMinutes: 2, resolveMinutes: 30),
            Times("checkout", Severity.Sev2, ackMinutes: 4, resolveMinutes: null),
            Times(null, Severity.Sev1, ackMinutes: 10, resolveMinutes: 60),
        ];

        IReadOnlyList<ResponseStatistics> byService = ResponseStatistics.Summarize(incidents, StatisticsGrouping.Service);

        Assert.Equal(
            [
                new ResponseStatistics(ResponseStatistics.NoService, 1, 1, 1, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(60)),
                new ResponseStatistics("checkout", 2, 2, 1, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(30)),
            ],
            byService);
    }

    [Fact]
    public void Grouping_by_severity_uses_the_SEV_names()
    {
        IncidentTimes[] incidents = [Times("a", Severity.Sev2, 1, 2), Times("b", Severity.Sev1, 3, 4), Times("c", Severity.Sev1, 5, 6)];

        IReadOnlyList<ResponseStatistics> bySeverity = ResponseStatistics.Summarize(incidents, StatisticsGrouping.Severity);

        Assert.Equal(["SEV1", "SEV2"], bySeverity.Select(s => s.Group));
        Assert.Equal(TimeSpan.FromMinutes(4), bySeverity[0].MeanTimeToAcknowledge);
    }

    [Fact]
    public void An_incident_with_no_acknowledgement_has_no_mean_time_to_acknowledge()
    {
        var unacknowledged = new IncidentTimes("a", Severity.Sev3, s_t0, s_t0, null, null);

        ResponseStatistics all = Assert.Single(ResponseStatistics.Summarize([unacknowledged], StatisticsGrouping.All));

        Assert.Equal(new ResponseStatistics("all", 1, 0, 0, null, null), all);
    }
}
