using System.Net;
using ChatOpsIncidents.Bot.Tests.Scheduling;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Postmortems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.FollowUps;

/// <summary>
/// The issue's "done when" for follow-ups: <c>/incident followup</c> with a GitHub repository configured creates one issue there
/// through the due work, after a failure too, links it from the postmortem draft, and the draft shows it done once closed.
/// </summary>
public sealed class FollowUpEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_follow_up_whose_issue_GitHub_fails_to_create_is_kept_told_and_created_once_on_the_retry_then_shown_done_once_closed()
    {
        await using IssueTrackerStandIn github = await IssueTrackerStandIn.StartAsync(Ct);
        await using EscalationBot bot = await EscalationBot.StartAsync(new Dictionary<string, string?>
        {
            ["Postmortems:FollowUps:DashboardUrl"] = TrackerHarness.DashboardUrl,
            ["Postmortems:FollowUps:GitHub:Repository"] = "acme/shop",
            ["Postmortems:FollowUps:GitHub:Token"] = "ghp_standin",
            ["Postmortems:FollowUps:GitHub:BaseUrl"] = github.BaseAddress.ToString(),
        });
        IncidentKey key = await DeclareAsync(bot);
        github.FailNext(HttpStatusCode.ServiceUnavailable);

        string reply = await CommandAsync(bot, $"followup {key} \"Add a canary stage\"");

        Assert.Equal($"📌 Added the follow-up to *{key}*; it is listed in the postmortem draft. Its issue is being created in GitHub acme/shop.", reply);
        Assert.Equal(1, await bot.FireDueAsync());
        Assert.Empty(github.Issues);
        FollowUp kept = Assert.Single(await FollowUpsAsync(bot));
        Assert.Equal((1, bot.Clock.GetUtcNow().AddSeconds(30)), (kept.Attempts, kept.DueAt));
        TimelineEntry told = (await TimelineAsync(bot, key)).Single(e => e.Kind == TimelineEntryKind.FollowUpIssue);
        Assert.Equal(EscalationBot.Resolver, told.Recipients);
        Assert.StartsWith("Could not create the issue of follow-up \"Add a canary stage\" in GitHub acme/shop yet (GitHub (creating an issue in acme/shop) answered 503",
            told.Text, StringComparison.Ordinal);
        Assert.Contains("- [ ] Add a canary stage (issue not created yet, retrying: GitHub (creating an issue in acme/shop) answered 503",
            await DraftAsync(bot, key), StringComparison.Ordinal);

        bot.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await bot.FireDueAsync());
        Assert.Equal(0, await bot.FireDueAsync());

        Assert.Equal(2, github.Requests.Count(r => r.Method == "POST"));
        Assert.Single(github.Issues);
        Assert.Contains("- [ ] Add a canary stage · [GitHub acme/shop \\#42](https://github.example.com/acme/shop/issues/42) (open)\n",
            await DraftAsync(bot, key), StringComparison.Ordinal);

        github.Close("42");
        bot.Clock.Advance(FollowUp.RefreshInterval);
        Assert.Equal(1, await bot.FireDueAsync());

        Assert.Contains("- [x] Add a canary stage · [GitHub acme/shop \\#42](https://github.example.com/acme/shop/issues/42) (closed)\n",
            await DraftAsync(bot, key), StringComparison.Ordinal);
        FollowUp done = Assert.Single(await FollowUpsAsync(bot));
        Assert.Equal((true, (DateTimeOffset?)null), (done.IsDone, done.DueAt));
        Assert.Equal(1, github.Requests.Count(r => r.Method == "GET"));
        bot.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await bot.FireDueAsync());
    }

    private static async Task<IncidentKey> DeclareAsync(EscalationBot bot)
    {
        await using AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope();
        IncidentCommandResult declared = await scope.ServiceProvider.GetRequiredService<IncidentService>()
            .DeclareAsync(new DeclaredIncident("Checkout returns 502s", Severity.Sev3), Actor.SlackUser(EscalationBot.Resolver, "carol"), Ct);
        return declared.Incident!.Key;
    }

    private static async Task<string> CommandAsync(EscalationBot bot, string text)
    {
        string command = SignedSlackRequest.Form(("command", "/incident"), ("text", text), ("user_id", EscalationBot.Resolver),
            ("response_url", RecordingResponseUrls.Url), ("team_id", "T0INCBOT1"));
        return await SlackBot.ReplyTextAsync(await bot.SendSignedAsync("/slack/commands", command));
    }

    private static async Task<List<FollowUp>> FollowUpsAsync(EscalationBot bot)
    {
        await using AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IncidentsDbContext>().FollowUps.AsNoTracking().ToListAsync(Ct);
    }

    private static async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(EscalationBot bot, IncidentKey key)
    {
        await using AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IncidentQueries>().FindAsync(key, Ct))!.Timeline;
    }

    private static async Task<string> DraftAsync(EscalationBot bot, IncidentKey key)
    {
        await using AsyncServiceScope scope = bot.Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<PostmortemDrafts>().RenderAsync(key, Ct))!;
    }
}
