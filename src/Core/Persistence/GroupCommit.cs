using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// Commits the writes people ask for (acks, notes, resolutions...) together, as the webhook intake does with alerts: one writer
/// applies every write queued so far, each in a savepoint of one transaction, in arrival order, and commits once (one fsync);
/// each write is answered only after that commit, so an answer still means "committed". A write that fails is rolled back
/// to its savepoint and fails alone; one that lost a race to another replica is applied again, seeing the winner's work. A
/// failed commit fails every write of the batch and stores none of them.
/// </summary>
public sealed partial class GroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 64;
    private const int MaxQueued = 4096;
    private const int MaxAttempts = 5;
    private const string Savepoint = "write";

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<GroupCommit> _logger;
    private readonly Channel<QueuedWrite> _queue = Channel.CreateBounded<QueuedWrite>(new BoundedChannelOptions(MaxQueued) { SingleReader = true });
    private readonly Task _writer;

    public GroupCommit(IServiceScopeFactory scopes, ILogger<GroupCommit> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the services of the batch's scope (its <see cref="IncidentsDbContext"/> is in the
    /// batch's transaction; the work saves its changes) and returns its result once the batch committed. The work is not
    /// cancelled once it started: only the wait for it is.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var queued = new QueuedWrite<T>(work);
        await _queue.Writer.WriteAsync(queued, cancellationToken);
        return await queued.Outcome.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync()
    {
        var batch = new List<QueuedWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out QueuedWrite? queued))
            {
                batch.Add(queued);
            }
            await CommitAsync(batch);
            batch.Clear();
        }
    }

    /// <summary>Answers every write of <paramref name="batch"/>; never throws.</summary>
    private async Task CommitAsync(List<QueuedWrite> batch)
    {
        var applied = new List<QueuedWrite>(batch.Count);
        try
        {
            await using AsyncServiceScope scope = _scopes.CreateAsyncScope();
            IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
            db.Database.AutoSavepointsEnabled = false; // each write has its own savepoint
            await using WriteTransaction transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None);
            foreach (QueuedWrite queued in batch)
            {
                if (await ApplyAsync(db, transaction, queued, scope.ServiceProvider))
                {
                    applied.Add(queued);
                }
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogBatchFailed(_logger, batch.Count, exception);
            batch.ForEach(queued => queued.Fail(exception));
            return;
        }
        applied.ForEach(queued => queued.Answer());
    }

    /// <summary>Applies one write in a savepoint of the batch's transaction; false (and the write failed) when it could not be.</summary>
    private static async Task<bool> ApplyAsync(IncidentsDbContext db, WriteTransaction transaction, QueuedWrite queued, IServiceProvider services)
    {
        for (int attempt = 1; ; attempt++)
        {
            await transaction.CreateSavepointAsync(Savepoint);
            try
            {
                await queued.ApplyAsync(services);
                await transaction.ReleaseSavepointAsync(Savepoint);
                return true;
            }
            catch (Exception exception) when (attempt < MaxAttempts && ConflictRetry.IsLostRace(exception))
            {
                // Another replica committed first; its work is visible to the next attempt.
                await transaction.RollbackToSavepointAsync(Savepoint);
            }
            catch (Exception exception)
            {
                await transaction.RollbackToSavepointAsync(Savepoint);
                queued.Fail(exception);
                return false;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "A batch of {Count} writes could not be committed; each was answered with the failure")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    private abstract class QueuedWrite
    {
        public abstract Task ApplyAsync(IServiceProvider services);

        /// <summary>Gives the write its result, once the batch committed.</summary>
        public abstract void Answer();

        public abstract void Fail(Exception exception);
    }

    private sealed class QueuedWrite<T>(Func<IServiceProvider, CancellationToken, Task<T>> work) : QueuedWrite
    {
        private T? _result;

        public TaskCompletionSource<T> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task ApplyAsync(IServiceProvider services) => _result = await work(services, CancellationToken.None);

        public override void Answer() => Outcome.TrySetResult(_result!);

        public override void Fail(Exception exception) => Outcome.TrySetException(exception);
    }
}
