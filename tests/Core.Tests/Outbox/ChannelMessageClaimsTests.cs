using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Tests.Outbox;

/// <summary>The channel-message lane hands out messages that belong to no incident in the order written, one at a time across replicas.</summary>
public sealed class ChannelMessageClaimsTests(PostgresServer postgres)
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnEveryDatabase]
    public async Task Messages_are_handed_out_in_the_order_written_and_only_the_oldest_unposted_one_at_a_time(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await WriteAsync(db, "first", "second");

        Assert.Equal("first", (await ClaimAsync(db, "replica-a"))?.Text); // and replica-a dies
        Assert.Null(await ClaimAsync(db, "replica-b")); // the first is leased: the second waits behind it
        _time.Advance(new OutboxOptions().Lease + TimeSpan.FromSeconds(1));
        ChannelMessage? takenOver = await ClaimAsync(db, "replica-b", message => message.Posted("1700000000.000100", _time.GetUtcNow()));

        Assert.Equal("first", takenOver?.Text);
        Assert.Equal("second", (await ClaimAsync(db, "replica-a"))?.Text);
    }

    [Theory, OnEveryDatabase]
    public async Task A_message_put_off_is_handed_out_again_at_its_retry_time_and_holds_back_the_later_ones(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await WriteAsync(db, "first", "second");
        await ClaimAsync(db, "replica-a", message => message.Retry(_time.GetUtcNow() + TimeSpan.FromSeconds(30), "chat.postMessage: ratelimited"));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(await ClaimAsync(db, "replica-b"));
        _time.Advance(TimeSpan.FromSeconds(1));
        ChannelMessage? again = await ClaimAsync(db, "replica-b");

        Assert.Equal(("first", 1, "chat.postMessage: ratelimited"), (again?.Text, again?.Attempts, again?.LastError));
    }

    [Theory, OnEveryDatabase]
    public async Task A_refused_message_is_not_handed_out_again(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await WriteAsync(db, "first");
        await ClaimAsync(db, "replica-a", message => message.Refused("chat.postMessage: channel_not_found", _time.GetUtcNow()));

        Assert.Null(await ClaimAsync(db, "replica-a"));
        await using IncidentsDbContext check = db.NewContext();
        ChannelMessage refused = await check.ChannelMessages.SingleAsync(Ct);
        Assert.Equal((_time.GetUtcNow(), (string?)null), (refused.FinishedAt, refused.MessageId));
    }

    [Theory, OnEveryDatabase]
    public async Task Replicas_claiming_at_once_get_the_message_once(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        await WriteAsync(db, "only");

        ChannelMessage?[] claimed = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => ClaimAsync(db, $"replica-{i}")));

        Assert.Single(claimed, message => message is not null);
    }

    [Fact]
    public async Task Committing_a_channel_message_wakes_only_the_channel_message_lane()
    {
        await using TestDb db = await TestDb.CreateAsync(DatabaseProvider.Sqlite, postgres, Ct);
        var signal = new OutboxSignal();
        Task channelMessages = signal.ChannelMessages.NextNotification;
        Task timeline = signal.TimelineEntries.NextNotification;

        await using IncidentsDbContext context = db.NewContext(new OutboxCommitInterceptor(signal));
        context.ChannelMessages.Add(new ChannelMessage(null, "hello", _time.GetUtcNow()));
        await context.SaveChangesAsync(Ct);

        Assert.True(channelMessages.IsCompleted);
        Assert.False(timeline.IsCompleted);
    }

    private async Task WriteAsync(TestDb db, params string[] texts)
    {
        await using IncidentsDbContext context = db.NewContext();
        context.ChannelMessages.AddRange(texts.Select(text => new ChannelMessage(null, text, _time.GetUtcNow())));
        await context.SaveChangesAsync(Ct);
    }

    /// <summary>Claims on a fresh context and saves what <paramref name="work"/> did with the claim.</summary>
    private async Task<ChannelMessage?> ClaimAsync(TestDb db, string owner, Action<ChannelMessage>? work = null)
    {
        await using IncidentsDbContext context = db.NewContext();
        var claims = new ChannelMessageClaims(context, Options.Create(new OutboxOptions()), _time);
        ChannelMessage? claimed = await claims.ClaimNextAsync(owner, Ct);
        if (claimed is not null && work is not null)
        {
            work(claimed);
            await claims.SaveAsync(Ct);
        }
        return claimed;
    }
}
