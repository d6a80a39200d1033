using System.Net;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.TestSupport;
using Npgsql;

namespace ChatOpsIncidents.Bot.Tests.SignIn;

/// <summary>Issue 21: replicas on one database share the key ring that protects the session and anti-forgery cookies.</summary>
public sealed class SharedKeyRingTests(PostgresServer postgres) : IAsyncLifetime
{
    private OpenIdProviderStandIn _provider = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _provider = await OpenIdProviderStandIn.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task A_session_and_an_antiforgery_token_issued_by_one_replica_are_accepted_by_another_on_the_same_postgresql()
    {
        string connectionString = await postgres.CreateDatabaseAsync(Ct);
        var database = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Incidents"] = connectionString };
        await using BotHost first = SignInBot.Start(_provider, database);
        await using BotHost second = SignInBot.Start(_provider, database);
        Assert.Equal(HttpStatusCode.OK, (await first.PostWebhookAsync(Payloads.Firing)).StatusCode);
        using TestBrowser browser = SignInBot.Browser(first);
        await browser.SignInAsync();
        SessionView issuedByFirst = await browser.SessionAsync();
        using TestBrowser onSecond = browser.OnOtherReplica(second.Server.CreateHandler());

        SessionView readBySecond = await onSecond.SessionAsync();
        HttpResponseMessage ack = await onSecond.PostAsync("/api/incidents/INC-1/ack", new { }, issuedByFirst.AntiforgeryToken);

        Assert.Equal((true, "ann@example.com"), (readBySecond.SignedIn, readBySecond.Email));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("acknowledged", (await second.IncidentAsync("INC-1")).Incident.Status);
        Assert.Equal(1L, await KeysInTheDatabaseAsync(connectionString)); // the ring both read, not a folder they happen to share here
    }

    private static async Task<long> KeysInTheDatabaseAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("""SELECT COUNT(*) FROM "StoredDocuments" WHERE "Collection" = 'data-protection-keys'""", connection);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }
}
