using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Tests.Persistence;

public sealed class WriteTransactionTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_second_SQLite_writer_waits_its_turn_without_blocking_and_writes_once_the_first_is_done()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, ct);
        await using IncidentsDbContext first = db.NewContext();
        await using IncidentsDbContext second = db.NewContext();

        WriteTransaction firstWriter = await WriteTransaction.BeginAsync(first, ct);
        Task<WriteTransaction> secondWriter = WriteTransaction.BeginAsync(second, ct);
        await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        Assert.False(secondWriter.IsCompleted);

        await firstWriter.DisposeAsync();
        await using WriteTransaction turn = await secondWriter.WaitAsync(TimeSpan.FromSeconds(10), ct);
        await second.Database.ExecuteSqlRawAsync("DELETE FROM \"Incidents\" WHERE 1 = 0", ct);
        await turn.CommitAsync(ct);
    }
}
