using System.Collections.Concurrent;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// Runs Slack work that must not hold up the answer to Slack: each piece in its own DI scope (its own DbContext), on the
/// thread pool, cancelled only when the host stops (<see cref="IHostApplicationLifetime.ApplicationStopping"/>), never
/// because Slack hung up after its 3 seconds.
/// </summary>
internal sealed partial class SlackBackgroundWork(
    IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<SlackBackgroundWork> logger)
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Starts <paramref name="work"/> and returns it; the caller observes its result and its exceptions.</summary>
    public Task<T> Run<T>(Func<IServiceProvider, CancellationToken, Task<T>> work)
    {
        CancellationToken stopping = lifetime.ApplicationStopping;
        Task<T> task = Task.Run(
            async () =>
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                return await work(scope.ServiceProvider, stopping);
            },
            stopping);
        Track(task);
        return task;
    }

    /// <summary>Starts <paramref name="work"/> and forgets it: failures are logged under <paramref name="what"/>.</summary>
    public void Start(string what, Func<IServiceProvider, CancellationToken, Task> work)
    {
        _ = Run<bool>(async (services, cancellationToken) =>
        {
            try
            {
                await work(services, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogCancelled(logger, what);
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception, what);
            }
            return true;
        });
    }

    /// <summary>Tells the person through <see cref="SlackFollowUp"/>, after the answer.</summary>
    public void TellUser(ReplyTarget target, string text) =>
        Start("telling a Slack user", (services, cancellationToken) => services.GetRequiredService<SlackFollowUp>().TellAsync(target, text, cancellationToken));

    /// <summary>Completes when nothing is running, including work started by work that was running; for tests and shutdown.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void Track(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(EventId = 2244, Level = LogLevel.Error, Message = "Slack background work failed: {What}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);

    [LoggerMessage(EventId = 2245, Level = LogLevel.Information, Message = "Slack background work stopped with the host: {What}")]
    private static partial void LogCancelled(ILogger logger, string what);
}
