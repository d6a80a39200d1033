using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Reports;

/// <summary>
/// The weekly report as due work: when due, writes the report of the week that ended then as a channel message, in the firing
/// transaction (so it is posted once across replicas, and after a restart when it fell due while the bot was down), and moves on
/// to the next due time.
/// </summary>
internal sealed class WeeklyReports(
    IncidentsDbContext db, IncidentStatisticsService statistics, IReportSchedule schedule, IOptions<WeeklyReportOptions> options)
    : DueWorkKind<WeeklyReport>(KindName, db)
{
    public const string KindName = "weekly-reports";

    protected override string KeyOf(WeeklyReport report) => report.Name;

    protected override Task<WeeklyReport?> FindAsync(string key, CancellationToken cancellationToken) =>
        Db.WeeklyReports.SingleOrDefaultAsync(r => r.Name == key, cancellationToken);

    protected override void Fire(WeeklyReport report, DateTimeOffset dueAt, DateTimeOffset now) =>
        report.Posted(dueAt, schedule.NextAfter(now).ToStorable());

    protected override async Task<IReadOnlyList<IDueWork>> FireAsync(
        WeeklyReport report, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        WeeklyReportOptions settings = options.Value;
        if (!settings.Enabled)
        {
            report.DueNext(null); // turned off since
            return [];
        }
        WeeklyFigures figures = await WeeklyFigures.GatherAsync(statistics, dueAt, settings.Targets.PostmortemWithin, cancellationToken);
        string text = WeeklyReportText.Render(figures, settings.Targets, TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone));
        Db.ChannelMessages.Add(new ChannelMessage(settings.ChosenChannel, text, now));
        Fire(report, dueAt, now);
        return [];
    }
}
