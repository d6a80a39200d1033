using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.SocketMode;

/// <summary>
/// Keeps one Socket Mode connection to Slack while <c>Slack:AppToken</c> is set. When Slack asks to refresh (or warns it
/// will), the new connection is opened before the old one is let go, so no envelope falls between them; a closed, dropped or
/// silent socket is replaced at once; failed attempts back off (<see cref="SocketModeTimings.Backoff"/>). <c>link_disabled</c>
/// (Socket Mode switched off in the app's settings) stops it, with a log line saying so.
/// </summary>
internal sealed partial class SocketModeService(
    SocketModeUrls urls,
    SocketEnvelopeHandler handler,
    SocketModeTimings timings,
    SocketModeMetrics metrics,
    TimeProvider time,
    IOptions<SlackOptions> options,
    ILogger<SocketModeService> logger) : BackgroundService
{
    private const string LinkDisabled = "link_disabled";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SocketModeEnabled)
        {
            return;
        }
        SocketModeConnection? current = null;
        int failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (failures > 0)
                {
                    await Task.Delay(timings.Backoff(failures, Random.Shared), time, stoppingToken);
                }
                SocketModeConnection next;
                try
                {
                    next = await SocketModeConnection.OpenAsync(await urls.OpenAsync(stoppingToken), timings, handler, metrics, time, logger, stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    failures++;
                    LogConnectFailed(logger, failures, exception.Message);
                    continue;
                }
                failures = 0;
                if (current is not null)
                {
                    await current.DisposeAsync(); // only now: the new connection said hello
                }
                current = next;
                metrics.Connected(true);
                LogConnected(logger);

                string reason = await current.Ended.WaitAsync(stoppingToken);
                metrics.Reconnected(reason);
                if (reason == LinkDisabled)
                {
                    LogLinkDisabled(logger);
                    return;
                }
                if (reason is SocketModeConnection.Closed or SocketModeConnection.Dropped)
                {
                    metrics.Connected(false);
                    await current.DisposeAsync();
                    current = null;
                    failures = 1; // a socket that died may die again: the next attempt waits a little
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
        finally
        {
            metrics.Connected(false);
            if (current is not null)
            {
                await current.DisposeAsync();
            }
        }
    }

    [LoggerMessage(EventId = 2307, Level = LogLevel.Information, Message = "Connected to Slack over Socket Mode")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(EventId = 2308, Level = LogLevel.Warning, Message = "Connecting to Slack over Socket Mode failed (attempt {Failures}): {Problem}")]
    private static partial void LogConnectFailed(ILogger logger, int failures, string problem);

    [LoggerMessage(EventId = 2309, Level = LogLevel.Error,
        Message = "Slack disabled Socket Mode for this app (link_disabled): no more Slack requests arrive over it. Turn Socket Mode on in the app's settings and restart the bot, or use the HTTP transport.")]
    private static partial void LogLinkDisabled(ILogger logger);
}
