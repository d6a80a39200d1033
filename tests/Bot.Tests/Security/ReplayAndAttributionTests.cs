using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Faults;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack.Interactions;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 15, finding 8: a signed <c>/incident note</c> sent four times within Slack's 5-minute window added four notes; requests
/// of any workspace or app signed with the secret were served; and the API's free-text <c>by</c> (<c>by:"U0BOSS"</c>) showed in
/// Slack as if U0BOSS had done it.
/// </summary>
public sealed class ReplayAndAttributionTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_note_sent_four_times_within_the_window_is_answered_each_time_and_added_once()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        string body = NoteCommand(bot, key);

        HttpResponseMessage[] answers = [.. await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bot.SendAsync("/slack/commands", body)))];
        await bot.WhenIdleAsync();

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Single((await bot.IncidentAsync(key)).Timeline, entry => entry.Kind == TimelineEntryKind.Note);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_signed_note_replayed_to_another_replica_acts_once(DatabaseProvider provider)
    {
        string folder = Directory.CreateTempSubdirectory("bot-replicas-").FullName;
        try
        {
            Dictionary<string, string?> database = await FaultDatabase.SettingsAsync(
                provider, postgres, Ct, new() { ["Database:SqlitePath"] = Path.Combine(folder, "incidents.db") });
            await using SlackBot first = await SlackBot.StartAsync(database);
            await using SlackBot second = await SlackBot.StartAsync(database);
            IncidentKey key = await first.DeclareAsync();
            string body = NoteCommand(first, key);

            HttpResponseMessage toFirst = await first.SendAsync("/slack/commands", body);
            HttpResponseMessage toSecond = await second.SendAsync("/slack/commands", body); // both clocks say the same: the same signature
            await first.WhenIdleAsync();
            await second.WhenIdleAsync();

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (toFirst.StatusCode, toSecond.StatusCode));
            Assert.Single((await first.IncidentAsync(key)).Timeline, entry => entry.Kind == TimelineEntryKind.Note);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Handled_requests_older_than_a_quarter_of_an_hour_are_pruned()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        await bot.SendAsync("/slack/commands", NoteCommand(bot, key));
        bot.Time.Advance(TimeSpan.FromMinutes(16));

        await bot.SendAsync("/slack/commands", NoteCommand(bot, key));
        await bot.WhenIdleAsync();

        await using AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        Assert.Equal(1, await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "HandledRequests" """).SingleAsync(Ct));
    }

    [Theory]
    [InlineData("Slack:TeamId", "T0OTHER01")]
    [InlineData("Slack:AppId", "A0OTHER01")]
    public async Task With_a_team_or_app_id_set_commands_and_interactions_from_another_workspace_or_app_are_refused(string key, string configured)
    {
        await using SlackBot bot = await SlackBot.StartAsync(new() { [key] = configured });
        IncidentKey incident = await bot.DeclareAsync();

        HttpResponseMessage command = await bot.CommandAsync($"ack {incident}"); // from T0INCBOT1, app A0CHATOPS
        HttpResponseMessage press = await bot.InteractAsync(InteractionPayloads.ButtonPress(IncidentCardActions.Acknowledge, incident.ToString()));
        await bot.WhenIdleAsync();

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (command.StatusCode, press.StatusCode));
        Assert.Equal(IncidentStatus.Triggered, (await bot.IncidentAsync(incident)).Status);
    }

    [Fact]
    public async Task With_the_team_and_app_id_of_the_request_set_commands_are_served()
    {
        await using SlackBot bot = await SlackBot.StartAsync(new() { ["Slack:TeamId"] = "T0INCBOT1", ["Slack:AppId"] = "A0CHATOPS" });
        IncidentKey incident = await bot.DeclareAsync();

        string reply = await bot.ReplyToAsync($"ack {incident}");

        Assert.StartsWith("👀 Acknowledged", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_records_the_token_name_as_who_acted_and_by_only_as_an_unverified_on_behalf_of()
    {
        await using var bot = new BotHost(new() { ["Api:Tokens:ci"] = "ci-s3cret-token", ["Api:Tokens:deploys"] = "deploys-s3cret-token" });
        await PostAsync(bot, "/api/incidents", "deploys-s3cret-token", new { title = "Checkout is down" });

        HttpResponseMessage ack = await PostAsync(bot, "/api/incidents/INC-1/ack", "ci-s3cret-token", new { by = "U0BOSS" });

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        IReadOnlyList<TimelineEntryView> timeline = (await bot.GetIncidentAsync("INC-1")).Timeline;
        Assert.Equal(("Api", "deploys", null), (timeline[0].ActorKind, timeline[0].Actor, timeline[0].OnBehalfOf));
        Assert.Equal(("Api", "ci", "U0BOSS"), (timeline[1].ActorKind, timeline[1].Actor, timeline[1].OnBehalfOf));
        await using AsyncServiceScope scope = bot.Services.CreateAsyncScope();
        TimelineEntry acknowledged = (await scope.ServiceProvider.GetRequiredService<IncidentQueries>().FindAsync(new IncidentKey(1), Ct))!.Timeline[1];
        Assert.Equal("👀 ci (on behalf of U0BOSS, unverified) acknowledged the incident", TimelineMessage.Render(acknowledged));
    }

    private static string NoteCommand(SlackBot bot, IncidentKey key) => SignedSlackRequest.Form(
        ("command", "/incident"), ("text", $"note {key} restarted checkout on node A"), ("user_id", SlackBot.UserId), ("user_name", SlackBot.UserName),
        ("channel_id", bot.OpsChannel), ("team_id", "T0INCBOT1"), ("api_app_id", "A0CHATOPS"), ("trigger_id", "1.2.3"));

    private static async Task<HttpResponseMessage> PostAsync(BotHost bot, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await bot.CreateClient().SendAsync(request, Ct);
    }
}
