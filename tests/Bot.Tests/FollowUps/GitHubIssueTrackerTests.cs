using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.FollowUps;
using ChatOpsIncidents.Core.FollowUps;

namespace ChatOpsIncidents.Bot.Tests.FollowUps;

/// <summary>The real Octokit client against the GitHub stand-in, as GitHub Enterprise Server at GitHub:BaseUrl.</summary>
public sealed class GitHubIssueTrackerTests : IAsyncLifetime
{
    private IssueTrackerStandIn _github = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _github = await IssueTrackerStandIn.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _github.DisposeAsync();

    [Fact]
    public async Task A_follow_up_becomes_an_issue_titled_with_its_text_linking_its_incident_labelled_and_assigned_to_its_owner()
    {
        TrackedIssue issue = await TrackerHarness.GitHub(_github).CreateAsync(TrackerHarness.Issue, Ct);

        TrackerRequest request = Assert.Single(_github.Requests);
        Assert.Equal(("POST", "/api/v3/repos/acme/shop/issues"), (request.Method, request.PathAndQuery));
        Assert.Equal("Token ghp_standin", request.Authorization);
        Assert.Equal(
            """{"title":"Add a canary stage","body":"Follow-up of incident INC-42, recorded for its postmortem by the incident bot.\n\n```text\nAdd a canary stage\n```\n\nIncident: [INC-42](https://incidents.example.com/incidents/INC-42)","assignees":["alice-gh"],"labels":["incident-follow-up","reliability"]}""",
            request.Body);
        Assert.Equal(new TrackedIssue("42", "https://github.example.com/acme/shop/issues/42", IsClosed: false), issue);
    }

    [Fact]
    public async Task Text_that_would_mention_a_team_or_close_the_code_block_stays_literal_in_the_body()
    {
        FollowUpIssue issue = TrackerHarness.Issue with { Text = "Tell @acme/everyone ``` then <b>this</b>", Owner = null };

        await TrackerHarness.GitHub(_github).CreateAsync(issue, Ct);

        string body = JsonNode.Parse(Assert.Single(_github.Requests).Body)!["body"]!.GetValue<string>();
        Assert.Contains("\n````text\nTell @acme/everyone ``` then <b>this</b>\n````\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_issue_reads_as_closed()
    {
        GitHubIssueTracker tracker = TrackerHarness.GitHub(_github);
        TrackedIssue issue = await tracker.CreateAsync(TrackerHarness.Issue, Ct);
        Assert.False(await tracker.IsClosedAsync(issue.Key, Ct));

        _github.Close(issue.Key);

        Assert.True(await tracker.IsClosedAsync(issue.Key, Ct));
        Assert.Equal(("GET", "/api/v3/repos/acme/shop/issues/42"), (_github.Requests[^1].Method, _github.Requests[^1].PathAndQuery));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, null, false, null)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, false, null)]
    [InlineData(HttpStatusCode.TooManyRequests, 7, false, 7)]
    [InlineData(HttpStatusCode.NotFound, null, true, null)]
    [InlineData(HttpStatusCode.UnprocessableEntity, null, true, null)]
    public async Task A_failed_call_is_tried_again_unless_GitHub_refused_it_for_good(HttpStatusCode status, int? retryAfter, bool permanent, int? waitSeconds)
    {
        _github.FailNext(status, retryAfter);

        var failure = await Assert.ThrowsAsync<FollowUpTrackerException>(() => TrackerHarness.GitHub(_github).CreateAsync(TrackerHarness.Issue, Ct));

        Assert.Equal(permanent, failure.IsPermanent);
        Assert.Equal(waitSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, failure.RetryAfter);
        Assert.StartsWith($"GitHub (creating an issue in acme/shop) answered {(int)status}", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_github.Issues);
    }

    [Fact]
    public async Task A_call_GitHub_does_not_answer_within_the_timeout_is_tried_again()
    {
        _github.StallNext();

        var failure = await Assert.ThrowsAsync<FollowUpTrackerException>(() => TrackerHarness.GitHub(_github).CreateAsync(TrackerHarness.Issue, Ct));

        Assert.False(failure.IsPermanent);
        Assert.Equal("GitHub (creating an issue in acme/shop) did not answer within 00:00:02", failure.Message);
    }

    [Fact]
    public async Task The_token_is_in_no_failure_message()
    {
        _github.FailNext(HttpStatusCode.Unauthorized);

        var failure = await Assert.ThrowsAsync<FollowUpTrackerException>(() => TrackerHarness.GitHub(_github).CreateAsync(TrackerHarness.Issue, Ct));

        Assert.True(failure.IsPermanent);
        Assert.DoesNotContain("ghp_standin", failure.ToString(), StringComparison.Ordinal);
    }
}
