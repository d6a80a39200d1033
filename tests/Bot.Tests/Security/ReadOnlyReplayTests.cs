using System.Net;
using ChatOpsIncidents.Bot.Tests.Faults;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// A command that only reads (<c>/incident list</c>) is not kept waiting for its replay record to reach the disk, and is still
/// answered once: a replay, to this replica, another one, or a bot started after a crash lost the record, gets an empty 200.
/// </summary>
public sealed class ReadOnlyReplayTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset s_signedAt = new(2026, 3, 2, 9, 15, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_signed_list_replayed_to_the_same_or_another_replica_is_answered_with_the_incidents_once(DatabaseProvider provider)
    {
        await OnSqliteFileAsync(async sqlitePath =>
        {
            Dictionary<string, string?> database = await FaultDatabase.SettingsAsync(provider, postgres, Ct, new() { ["Database:SqlitePath"] = sqlitePath });
            await using SlackBot first = await SlackBot.StartAsync(database);
            await using SlackBot second = await SlackBot.StartAsync(database);
            IncidentKey key = await first.DeclareAsync("Checkout is down");
            string body = ListCommand(first);

            string answer = await SlackBot.ReplyTextAsync(await first.SendAsync("/slack/commands", body));
            HttpResponseMessage again = await first.SendAsync("/slack/commands", body);
            HttpResponseMessage toSecond = await second.SendAsync("/slack/commands", body);

            Assert.Contains($"*{key}*", answer, StringComparison.Ordinal);
            Assert.Equal((HttpStatusCode.OK, ""), (again.StatusCode, await again.Content.ReadAsStringAsync(Ct)));
            Assert.Equal((HttpStatusCode.OK, ""), (toSecond.StatusCode, await toSecond.Content.ReadAsStringAsync(Ct)));
        });
    }

    [Fact]
    public async Task A_list_replayed_to_a_bot_started_after_a_crash_that_lost_its_record_is_not_answered()
    {
        await OnSqliteFileAsync(async sqlitePath =>
        {
            Dictionary<string, string?> database = new() { ["Database:SqlitePath"] = sqlitePath };
            string body;
            IncidentKey key;
            await using (SlackBot before = await SlackBot.StartAsync(database, now: s_signedAt))
            {
                key = await before.DeclareAsync("Checkout is down");
                body = ListCommand(before);
                Assert.Contains($"*{key}*", await SlackBot.ReplyTextAsync(await before.SendAsync("/slack/commands", body)), StringComparison.Ordinal);
                await ForgetHandledRequestsAsync(before); // what a power loss may do to a record committed without an fsync
            }
            await using SlackBot after = await SlackBot.StartAsync(database, now: s_signedAt.AddMinutes(1));

            using HttpRequestMessage replay = SignedSlackRequest.Create("/slack/commands", body, s_signedAt); // still within the 5-minute window
            HttpResponseMessage replayed = await after.Host.CreateClient().SendAsync(replay, Ct);
            string fresh = await SlackBot.ReplyTextAsync(await after.SendAsync("/slack/commands", ListCommand(after)));

            Assert.Equal((HttpStatusCode.OK, ""), (replayed.StatusCode, await replayed.Content.ReadAsStringAsync(Ct)));
            Assert.Contains($"*{key}*", fresh, StringComparison.Ordinal);
        });
    }

    /// <summary>Runs <paramref name="test"/> with the path of a SQLite file in a folder of its own, deleted afterwards.</summary>
    private static async Task OnSqliteFileAsync(Func<string, Task> test)
    {
        string folder = Directory.CreateTempSubdirectory("bot-read-replay-").FullName;
        try
        {
            await test(Path.Combine(folder, "incidents.db"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ForgetHandledRequestsAsync(SlackBot bot)
    {
        await using AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"""DELETE FROM "HandledRequests" """, Ct));
    }

    private static string ListCommand(SlackBot bot) => SignedSlackRequest.Form(
        ("command", "/incident"), ("text", "list"), ("user_id", SlackBot.UserId), ("user_name", SlackBot.UserName),
        ("channel_id", bot.OpsChannel), ("team_id", "T0INCBOT1"), ("api_app_id", "A0CHATOPS"), ("trigger_id", "1.2.3"));
}
