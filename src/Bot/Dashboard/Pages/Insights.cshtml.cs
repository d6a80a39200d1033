using System.Globalization;
using ChatOpsIncidents.Bot.Dashboard.Charts;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatOpsIncidents.Bot.Dashboard.Pages;

/// <summary>
/// <c>/insights</c>: over the last 7, 30 or 90 days, MTTA and MTTR per week by severity or by service, incidents opened per day by
/// severity, postmortems done within 72 hours and how automatic remediation went. Days are UTC days, today the last; weeks are
/// seven of them from the first. The figures are kept for up to a minute (<see cref="InsightsFiguresCache"/>), as the page says.
/// </summary>
public sealed class InsightsModel(IncidentStatisticsService statistics, InsightsFiguresCache figures) : PageModel
{
    public static IReadOnlyList<int> Periods { get; } = [7, 30, 90];

    [BindProperty(Name = "days", SupportsGet = true)]
    public int Days { get; set; } = 30;

    /// <summary>"severity" or "service": how MTTA and MTTR are split.</summary>
    [BindProperty(Name = "by", SupportsGet = true)]
    public string? By { get; set; }

    public bool ByService => string.Equals(By, "service", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Chart> Charts { get; private set; } = [];

    public PostmortemCompletion Postmortems { get; private set; } = new(0, 0);

    public AutomaticRemediation Remediation { get; private set; } = new(0, 0);

    /// <summary>When the figures shown were computed.</summary>
    public DateTimeOffset ComputedAt { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Days = Periods.Contains(Days) ? Days : 30;
        StatisticsGrouping grouping = ByService ? StatisticsGrouping.Service : StatisticsGrouping.Severity;
        InsightsFigures shown = await figures.GetAsync(Days, grouping, statistics, cancellationToken);
        DateTimeOffset from = shown.From;
        ILookup<int, ResponseStatistics> byWeek = shown.Response.PerWeek.ToLookup(p => p.Period, p => p.Statistics);
        Dictionary<(string Severity, int Day), int> openedPerDay = shown.Response.PerDay.ToDictionary(p => (p.Statistics.Group, p.Period), p => p.Statistics.Incidents);
        Postmortems = shown.Postmortems;
        Remediation = shown.Remediation;
        ComputedAt = shown.ComputedAt;

        List<IReadOnlyList<ResponseStatistics>> perWeek = [.. Enumerable.Range(0, (Days + 6) / 7).Select(week => (IReadOnlyList<ResponseStatistics>)[.. byWeek[week]])];
        string[] groups = [.. perWeek.SelectMany(week => week.Select(g => g.Group)).Distinct().Order(StringComparer.Ordinal)];
        string[] weeks = [.. perWeek.Select((_, week) => Day(from.AddDays(week * 7)))];
        string split = ByService ? "service" : "severity";
        Charts =
        [
            new Chart($"Mean time to acknowledge per week, by {split}", "min", weeks, Means(groups, perWeek, g => g.MeanTimeToAcknowledge), Stacked: false),
            new Chart($"Mean time to resolve per week, by {split}", "min", weeks, Means(groups, perWeek, g => g.MeanTimeToResolve), Stacked: false),
            new Chart(
                "Incidents opened per day, by severity",
                "",
                [.. Enumerable.Range(0, Days).Select(day => Day(from.AddDays(day)))],
                [.. Enum.GetValues<Severity>().Select(severity => new ChartSeries(
                    severity.ToDisplay(), [.. Enumerable.Range(0, Days).Select(day => (double?)openedPerDay.GetValueOrDefault((severity.ToDisplay(), day)))]))],
                Stacked: true),
        ];
    }

    /// <summary>The link to this page with <paramref name="days"/>, MTTA and MTTR split by service or by severity.</summary>
    public static string Link(int days, bool byService) => $"/insights?days={days}&by={(byService ? "service" : "severity")}";

    public static string Percent(int part, int whole) => whole == 0 ? "–" : $"{100.0 * part / whole:0}%";

    private static ChartSeries[] Means(string[] groups, List<IReadOnlyList<ResponseStatistics>> perWeek, Func<ResponseStatistics, TimeSpan?> mean) =>
        [.. groups.Select(group => new ChartSeries(group, [.. perWeek.Select(week => week.FirstOrDefault(g => g.Group == group) is { } found ? mean(found)?.TotalMinutes : null)]))];

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("MMM d", CultureInfo.InvariantCulture);
}
