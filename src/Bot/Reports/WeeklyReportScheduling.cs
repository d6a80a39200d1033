using ChatOpsIncidents.Core.Reports;

namespace ChatOpsIncidents.Bot.Reports;

/// <summary>At start-up, once the database is migrated: schedules the weekly report as WeeklyReport configures it.</summary>
internal sealed class WeeklyReportScheduling(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WeeklyReportService>().ScheduleAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
