using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Silences;

/// <summary>
/// Lifts the silences made "until resolved" once their incidents resolved, however they resolved (a person, the API, their
/// alerts). The incident keeps the silence until Alertmanager expired it, so one unreachable now is tried again next round.
/// </summary>
internal sealed partial class SilenceLiftWorker(
    IServiceScopeFactory scopes, IOptions<AlertmanagerApiOptions> options, TimeProvider time, ILogger<SilenceLiftWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IncidentSilencing>().LiftResolvedAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, exception);
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

    [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "Lifting the silences of resolved incidents failed; trying again shortly")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
