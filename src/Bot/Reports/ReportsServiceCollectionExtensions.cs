using ChatOpsIncidents.Core.Reports;

namespace ChatOpsIncidents.Bot.Reports;

internal static class ReportsServiceCollectionExtensions
{
    /// <summary>The weekly report's calendar and its scheduling at start; Core posts it (WeeklyReport).</summary>
    public static IServiceCollection AddWeeklyReport(this IServiceCollection services)
    {
        services.AddSingleton<IReportSchedule, QuartzReportSchedule>();
        services.AddHostedService<WeeklyReportScheduling>();
        return services;
    }
}
