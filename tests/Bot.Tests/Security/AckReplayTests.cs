using System.Net;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Tests.Faults;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 25: <c>/incident ack</c> records its request (the replay record) in the transaction of its acks, so an ack costs one
/// commit; a replay is answered from that record without acting, and a failed ack leaves no record behind.
/// </summary>
public sealed class AckReplayTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_signed_ack_sent_four_times_at_once_acknowledges_once_and_its_replays_are_answered_without_acting(DatabaseProvider provider)
    {
        await using SlackBot bot = await SlackBot.StartAsync(await FaultDatabase.SettingsAsync(provider, postgres, Ct));
        IncidentKey key = await bot.DeclareAsync();
        string body = AckCommand(bot, key);

        HttpResponseMessage[] answers = [.. await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bot.SendAsync("/slack/commands", body)))];
        string[] texts = await Task.WhenAll(answers.Select(answer => answer.Content.ReadAsStringAsync(Ct)));
        await bot.WhenIdleAsync();

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Single(texts, text => text.Contains($"Acknowledged *{key}*", StringComparison.Ordinal));
        Assert.Equal(3, texts.Count(text => text.Length == 0)); // a second ack would have answered "already acknowledged"
        Assert.Single((await bot.IncidentAsync(key)).Timeline, entry => entry.Kind == TimelineEntryKind.Acknowledged);
        Assert.Equal(1, await HandledRequestCountAsync(bot));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_ack_whose_transaction_fails_leaves_no_record_so_that_its_retry_acknowledges(DatabaseProvider provider)
    {
        await using SlackBot bot = await SlackBot.StartAsync(await FaultDatabase.SettingsAsync(provider, postgres, Ct));
        IncidentKey key = await bot.DeclareAsync();
        string body = AckCommand(bot, key);
        await ExecuteAsync(bot, provider == DatabaseProvider.Sqlite ? SqliteFailIncidentUpdates : PostgresFailIncidentUpdates);

        string failed = await SlackBot.ReplyTextAsync(await bot.SendAsync("/slack/commands", body));
        long recordedAfterTheFailure = await HandledRequestCountAsync(bot);
        await ExecuteAsync(bot, provider == DatabaseProvider.Sqlite ? """DROP TRIGGER "FailIncidentUpdates" """ : """DROP TRIGGER fail_incident_updates ON "Incidents" """);
        string retried = await SlackBot.ReplyTextAsync(await bot.SendAsync("/slack/commands", body));
        await bot.WhenIdleAsync();

        Assert.Equal(SlackDispatch.Apology, failed);
        Assert.Equal(0, recordedAfterTheFailure);
        Assert.StartsWith($"👀 Acknowledged *{key}*", retried, StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Acknowledged, (await bot.IncidentAsync(key)).Status);
        Assert.Equal(1, await HandledRequestCountAsync(bot));
    }

    private const string SqliteFailIncidentUpdates =
        """CREATE TRIGGER "FailIncidentUpdates" BEFORE UPDATE ON "Incidents" BEGIN SELECT RAISE(ABORT, 'injected failure'); END""";

    private const string PostgresFailIncidentUpdates = """
        CREATE FUNCTION fail_incident_updates() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
        CREATE TRIGGER fail_incident_updates BEFORE UPDATE ON "Incidents" FOR EACH ROW EXECUTE FUNCTION fail_incident_updates();
        """;

    private static string AckCommand(SlackBot bot, IncidentKey key) => SignedSlackRequest.Form(
        ("command", "/incident"), ("text", $"ack {key}"), ("user_id", SlackBot.UserId), ("user_name", SlackBot.UserName),
        ("channel_id", bot.OpsChannel), ("team_id", "T0INCBOT1"), ("api_app_id", "A0CHATOPS"), ("trigger_id", "1.2.3"));

    private static async Task ExecuteAsync(SlackBot bot, string sql)
    {
        await using AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IncidentsDbContext>().Database.ExecuteSqlRawAsync(sql, Ct);
    }

    private static async Task<long> HandledRequestCountAsync(SlackBot bot)
    {
        await using AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        return await db.Database.SqlQuery<long>($"""SELECT COUNT(*) AS "Value" FROM "HandledRequests" """).SingleAsync(Ct);
    }
}
