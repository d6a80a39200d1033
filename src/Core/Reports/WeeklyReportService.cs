using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Reports;

/// <summary>Keeps the weekly report's due time (<see cref="WeeklyReports"/>) to what WeeklyReport configures.</summary>
public sealed class WeeklyReportService(
    IncidentsDbContext db, DueWorkService dueWork, IReportSchedule schedule, IOptions<WeeklyReportOptions> options, TimeProvider time)
{
    /// <summary>
    /// At start-up: schedules the next report, or moves it when the schedule changed, or takes it off when the report is
    /// off. A report that fell due while the bot was down stays due: the overdue sweep posts it.
    /// </summary>
    public async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        WeeklyReport? report = await db.WriteAsync(
            async token =>
            {
                DateTimeOffset now = time.GetStorableUtcNow();
                DateTimeOffset? next = options.Value.Enabled ? schedule.NextAfter(now).ToStorable() : null;
                WeeklyReport? report = await db.WeeklyReports.SingleOrDefaultAsync(r => r.Name == WeeklyReport.WeeklyName, token);
                if (report is null)
                {
                    if (next is not { } first)
                    {
                        return null;
                    }
                    report = new WeeklyReport(first);
                    db.WeeklyReports.Add(report);
                }
                else if (!(report.DueAt <= now && next is not null))
                {
                    report.DueNext(next);
                }
                await db.SaveChangesAsync(token);
                return report;
            },
            cancellationToken);
        if (report is not null)
        {
            await dueWork.WakeAsync(report, cancellationToken);
        }
    }
}
