using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatOpsIncidents.Core.Tests.Persistence;

/// <summary>Counts the commands a context sends to the database, for tests of how many statements a path costs.</summary>
internal sealed class CountCommands : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        Counted(result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        Counted(result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        Counted(result);

    private ValueTask<T> Counted<T>(T result)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}
