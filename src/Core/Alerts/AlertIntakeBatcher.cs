using System.Threading.Channels;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Alerts;

/// <summary>
/// The webhook's way in, built for Alertmanager's traffic. A delivery the database already holds (most of them: every
/// group is re-sent each group_interval) is answered after two indexed reads, or one when it repeats the last delivery of
/// its group found unchanged (<see cref="RepeatedDeliveryIndex"/>). The others queue for one writer that
/// applies everything queued so far in one transaction, in arrival order, and commits once (group commit); each
/// delivery is answered only after that commit, so an answer still means "committed". The batch is read in one query
/// and saved in one save; should that save fail (another replica won a race, or one delivery is refused), it is rolled
/// back to its savepoint and the deliveries are applied again one save each, so the one that fails is rolled back
/// alone and fails alone, and one that lost a race is applied again, seeing the winner's work. A failed commit fails
/// the whole batch and stores none of it; the senders retry.
/// </summary>
public sealed partial class AlertIntakeBatcher : IAsyncDisposable
{
    private const int MaxBatch = 64;
    private const int MaxQueued = 4096;
    private const int MaxAttempts = 5;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<AlertIntakeBatcher> _logger;
    private readonly Channel<QueuedDelivery> _queue =
        Channel.CreateBounded<QueuedDelivery>(new BoundedChannelOptions(MaxQueued) { SingleReader = true });
    private readonly Task _writer;
    private readonly RepeatedDeliveryIndex _repeats;

    public AlertIntakeBatcher(IServiceScopeFactory scopes, IOptions<IncidentOptions> options, ILogger<AlertIntakeBatcher> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _repeats = new RepeatedDeliveryIndex(options.Value.RepeatIndexSize);
        _writer = Task.Run(WriteAsync);
    }

    public async Task<AlertIntakeResult> ReceiveAsync(AlertGroupSignal group, CancellationToken cancellationToken)
    {
        AlertGroupSignal stored = AlertIntakeService.ForStorage(group);
        DeliveryHash delivery = DeliveryHash.Of(stored);
        await using (AsyncServiceScope scope = _scopes.CreateAsyncScope())
        {
            AlertIntakeService intake = scope.ServiceProvider.GetRequiredService<AlertIntakeService>();
            if (_repeats.Find(delivery) is { } remembered && await intake.IsStillUnchangedAsync(stored, remembered, cancellationToken))
            {
                return new AlertIntakeResult(remembered.Key, AlertIntakeOutcome.Unchanged);
            }
            if (await intake.FindUnchangedAsync(stored, cancellationToken) is { } unchanged)
            {
                _repeats.Remember(delivery, unchanged);
                return new AlertIntakeResult(unchanged.Key, AlertIntakeOutcome.Unchanged);
            }
        }
        var queued = new QueuedDelivery(stored);
        await _queue.Writer.WriteAsync(queued, cancellationToken);
        return await queued.Outcome.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        var batch = new List<QueuedDelivery>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out QueuedDelivery? queued))
            {
                batch.Add(queued);
            }
            await CommitAsync(batch);
            batch.Clear();
        }
    }

    /// <summary>Answers every delivery of <paramref name="batch"/>; never throws.</summary>
    private async Task CommitAsync(List<QueuedDelivery> batch)
    {
        var applied = new List<(QueuedDelivery Delivery, AlertIntakeResult Result)>(batch.Count);
        var wakes = new List<IncidentWake>();
        try
        {
            await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
            IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
            AlertIntakeService intake = scope.ServiceProvider.GetRequiredService<AlertIntakeService>();
            await using WriteTransaction transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None);
            if (await TryApplyTogetherAsync(db, intake, batch) is { } together)
            {
                applied.AddRange(batch.Zip(together.Results));
                wakes.AddRange(together.Wakes);
            }
            else
            {
                foreach (QueuedDelivery queued in batch)
                {
                    if (await ApplyAloneAsync(db, intake, queued) is { } alone)
                    {
                        applied.Add((queued, alone.Result));
                        wakes.AddRange(alone.Wakes);
                    }
                }
            }
            await transaction.CommitAsync(CancellationToken.None);
            await intake.WakeAsync(wakes, CancellationToken.None);
            foreach ((QueuedDelivery queued, AlertIntakeResult result) in applied)
            {
                intake.LogApplied(queued.Group, result);
            }
        }
        catch (Exception exception)
        {
            LogBatchFailed(_logger, batch.Count, exception);
            foreach (QueuedDelivery queued in batch)
            {
                queued.Outcome.TrySetException(exception);
            }
            return;
        }
        foreach ((QueuedDelivery queued, AlertIntakeResult result) in applied)
        {
            queued.Outcome.TrySetResult(result);
        }
    }

    /// <summary>The whole batch in one read and one save; null when the save failed and wrote nothing.</summary>
    private async Task<(IReadOnlyList<AlertIntakeResult> Results, IReadOnlyList<IncidentWake> Wakes)?> TryApplyTogetherAsync(IncidentsDbContext db, AlertIntakeService intake, List<QueuedDelivery> batch)
    {
        try
        {
            return await intake.ApplyAllAsync([.. batch.Select(queued => queued.Group)], CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogBatchSplit(_logger, batch.Count, exception);
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Applies one delivery within the batch's transaction; null (and the delivery failed) when it could not be.</summary>
    private static async Task<(AlertIntakeResult Result, IReadOnlyList<IncidentWake> Wakes)?> ApplyAloneAsync(IncidentsDbContext db, AlertIntakeService intake, QueuedDelivery queued)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await intake.ApplyAsync(queued.Group, CancellationToken.None);
            }
            catch (Exception exception) when (attempt < MaxAttempts && ConflictRetry.IsLostRace(exception))
            {
                // Another replica committed this group first; its work is visible to the next attempt.
            }
            catch (Exception exception)
            {
                queued.Outcome.TrySetException(exception);
                return null;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "A batch of {Count} alert deliveries could not be saved together; saving them one by one")]
    private static partial void LogBatchSplit(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "A batch of {Count} alert deliveries could not be committed; each was answered with the failure")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    private sealed class QueuedDelivery(AlertGroupSignal group)
    {
        public AlertGroupSignal Group { get; } = group;

        public TaskCompletionSource<AlertIntakeResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
