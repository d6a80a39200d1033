using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Bot.Tests.Hosting;
using Microsoft.Data.Sqlite;

namespace ChatOpsIncidents.Bot.Tests.SignIn;

/// <summary>Issue 19: the data protection key ring is made (or read) by the first request that needs it, not at start-up.</summary>
public sealed class KeyRingOnFirstUseTests : IAsyncLifetime
{
    private OpenIdProviderStandIn _provider = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _provider = await OpenIdProviderStandIn.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task The_first_key_is_made_when_someone_first_signs_in_and_not_at_start_up()
    {
        string database = Path.Combine(Path.GetTempPath(), $"key-ring-{Guid.NewGuid():N}", "incidents.db");
        await using BotHost bot = SignInBot.Start(_provider, new Dictionary<string, string?> { ["Database:SqlitePath"] = database });
        using TestBrowser browser = SignInBot.Browser(bot);
        long keysAtStart = await KeysAsync(database);

        await browser.SignInAsync();
        SessionView session = await browser.SessionAsync();

        Assert.Equal(0L, keysAtStart);
        Assert.True(session.SignedIn);
        Assert.Equal(1L, await KeysAsync(database));
    }

    private static async Task<long> KeysAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using SqliteCommand count = connection.CreateCommand();
        count.CommandText = """SELECT COUNT(*) FROM "StoredDocuments" WHERE "Collection" = 'data-protection-keys'""";
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }
}
