using ChatOpsIncidents.Bot.Maintenance;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Silences;

/// <summary>
/// Keeps the bot's silences in step with Alertmanager. Every <see cref="Interval"/> it lifts the silences made "until resolved"
/// once their incidents resolved, however they resolved (a person, the API, their alerts); the incident keeps the silence until
/// Alertmanager expired it, so one unreachable now is tried again next round. Every <see cref="AdoptionInterval"/> it takes on the
/// maintenance windows Alertmanager holds that the bot does not keep yet (<see cref="MaintenanceWindows.AdoptUnkeptAsync"/>), so a
/// window whose bot stopped between making its silence and keeping it is still announced.
/// </summary>
internal sealed partial class SilenceUpkeepWorker(
    IServiceScopeFactory scopes, IOptions<AlertmanagerApiOptions> options, TimeProvider time, ILogger<SilenceUpkeepWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan AdoptionInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
        {
            return;
        }
        DateTimeOffset nextAdoption = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            await RoundAsync<IncidentSilencing>((silencing, token) => silencing.LiftResolvedAsync(token), LogLiftFailed, stoppingToken);
            if (time.GetUtcNow() >= nextAdoption)
            {
                await RoundAsync<MaintenanceWindows>((windows, token) => windows.AdoptUnkeptAsync(token), LogAdoptionFailed, stoppingToken);
                nextAdoption = time.GetUtcNow() + AdoptionInterval;
            }
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RoundAsync<TService>(Func<TService, CancellationToken, Task> round, Action<ILogger, Exception> logFailure, CancellationToken stoppingToken)
        where TService : notnull
    {
        try
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            await round(scope.ServiceProvider.GetRequiredService<TService>(), stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logFailure(logger, exception);
        }
    }

    [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "Lifting the silences of resolved incidents failed; trying again shortly")]
    private static partial void LogLiftFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Error, Message = "Looking for maintenance windows the bot does not keep yet failed; trying again in a minute")]
    private static partial void LogAdoptionFailed(ILogger logger, Exception exception);
}
