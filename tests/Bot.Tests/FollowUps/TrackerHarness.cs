using ChatOpsIncidents.Bot.FollowUps;
using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ChatOpsIncidents.Bot.Tests.FollowUps;

/// <summary>What the tracker tests share: the follow-up asked for, its owner's Slack email, and the trackers on the stand-in.</summary>
internal static class TrackerHarness
{
    public const string Owner = "U0ALICE01";
    public const string OwnerEmail = "alice@example.com";
    public const string DashboardUrl = "https://incidents.example.com/";

    public static readonly FollowUpIssue Issue = new("Add a canary stage", new IncidentKey(42), "Checkout returns 502s", Owner);

    /// <summary>Slack knows the owner's email (users.info with users:read.email).</summary>
    public static OwnerEmails Emails()
    {
        ISlackApi slack = Substitute.For<ISlackApi>();
        slack.GetUserAsync(Owner, Arg.Any<CancellationToken>())
            .Returns(new SlackUser(Owner, "alice", "Alice", Profile: new SlackUserProfile(OwnerEmail)));
        return new OwnerEmails(slack, Options.Create(new SlackOptions { BotToken = "xoxb-test" }));
    }

    public static FollowUpOptions GitHubOptions(IssueTrackerStandIn tracker) => new()
    {
        DashboardUrl = DashboardUrl,
        Timeout = TimeSpan.FromSeconds(2),
        GitHub = new GitHubFollowUpOptions
        {
            Repository = "acme/shop",
            Token = "ghp_standin",
            BaseUrl = tracker.BaseAddress.ToString(),
            Labels = ["incident-follow-up", "reliability"],
            Assignees = new(StringComparer.OrdinalIgnoreCase) { [OwnerEmail] = "alice-gh" },
        },
    };

    public static FollowUpOptions JiraOptions(IssueTrackerStandIn tracker, int apiVersion) => new()
    {
        DashboardUrl = DashboardUrl,
        Timeout = TimeSpan.FromSeconds(2),
        Jira = new JiraFollowUpOptions
        {
            BaseUrl = tracker.BaseAddress.ToString(),
            Project = "OPS",
            Email = apiVersion == 3 ? "bot@example.com" : "",
            Token = "jira-standin-token",
            ApiVersion = apiVersion,
            Labels = ["incident-follow-up"],
            Components = ["Platform"],
        },
    };

    public static GitHubIssueTracker GitHub(IssueTrackerStandIn tracker) =>
        new(Options.Create(GitHubOptions(tracker)), Emails(), TimeProvider.System);

    public static JiraIssueTracker Jira(IssueTrackerStandIn tracker, int apiVersion, HttpClient http) =>
        new(http, Options.Create(JiraOptions(tracker, apiVersion)), Emails(), TimeProvider.System);
}
