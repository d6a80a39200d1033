using System.Globalization;
using ChatOpsIncidents.Core.Reports;
using Microsoft.Extensions.Options;
using Quartz;

namespace ChatOpsIncidents.Bot.Reports;

/// <summary>The weekly report's due times as a Quartz cron expression (WeeklyReport:Day and Time) in WeeklyReport:TimeZone.</summary>
internal sealed class QuartzReportSchedule(IOptions<WeeklyReportOptions> options) : IReportSchedule
{
    private readonly CronExpression _cron = CronOf(options.Value);

    public DateTimeOffset NextAfter(DateTimeOffset after) =>
        _cron.GetNextValidTimeAfter(after) ?? throw new InvalidOperationException($"The cron expression {_cron} has no time after {after:O}.");

    private static CronExpression CronOf(WeeklyReportOptions options)
    {
        string day = options.Day.ToString()[..3].ToUpperInvariant();
        return new CronExpression(
            string.Create(CultureInfo.InvariantCulture, $"0 {options.Time.Minute} {options.Time.Hour} ? * {day}"),
            TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
    }
}
