using System.Net;
using System.Text;
using ChatOpsIncidents.Bot.FollowUps;
using ChatOpsIncidents.Core.FollowUps;

namespace ChatOpsIncidents.Bot.Tests.FollowUps;

/// <summary>The Jira client against the Jira stand-in: REST API 3 (Cloud, basic authentication) and 2 (personal access token).</summary>
public sealed class JiraIssueTrackerTests : IAsyncLifetime
{
    private const string Link = "https://incidents.example.com/incidents/INC-42";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private IssueTrackerStandIn _jira = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _jira = await IssueTrackerStandIn.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _jira.DisposeAsync();
    }

    [Fact]
    public async Task On_API_3_a_follow_up_becomes_an_issue_with_a_document_description_labels_components_and_its_owner_by_account_id()
    {
        _jira.JiraUsers[TrackerHarness.OwnerEmail] = "5b10ac8d82e05b22cc7d4ef5";

        TrackedIssue issue = await TrackerHarness.Jira(_jira, 3, _http).CreateAsync(TrackerHarness.Issue, Ct);

        Assert.Equal(
            ["GET /rest/api/3/user/search?query=alice%40example.com", "POST /rest/api/3/issue"],
            _jira.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.All(_jira.Requests, r => Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("bot@example.com:jira-standin-token"))}", r.Authorization));
        Assert.Equal(
            """{"fields":{"project":{"key":"OPS"},"summary":"Add a canary stage","description":{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Follow-up of incident INC-42, recorded for its postmortem by the incident bot."}]},{"type":"codeBlock","content":[{"type":"text","text":"Add a canary stage"}]},{"type":"paragraph","content":[{"type":"text","text":"Incident INC-42: Checkout returns 502s "},{"type":"text","text":"https://incidents.example.com/incidents/INC-42","marks":[{"type":"link","attrs":{"href":"https://incidents.example.com/incidents/INC-42"}}]}]}]},"issuetype":{"name":"Task"},"labels":["incident-follow-up"],"components":[{"name":"Platform"}],"assignee":{"accountId":"5b10ac8d82e05b22cc7d4ef5"}}}""",
            _jira.Requests[1].Body);
        Assert.Equal(new TrackedIssue("OPS-1", $"{_jira.BaseAddress}browse/OPS-1", IsClosed: false), issue);
    }

    [Fact]
    public async Task On_API_2_the_description_is_wiki_markup_with_the_text_unformatted_and_the_owner_is_found_by_user_name()
    {
        _jira.JiraUsers[TrackerHarness.OwnerEmail] = "alice";

        await TrackerHarness.Jira(_jira, 2, _http).CreateAsync(TrackerHarness.Issue, Ct);

        Assert.Equal("GET /rest/api/2/user/search?username=alice%40example.com", $"{_jira.Requests[0].Method} {_jira.Requests[0].PathAndQuery}");
        TrackerRequest create = _jira.Requests[1];
        Assert.Equal(("POST", "/rest/api/2/issue", "Bearer jira-standin-token"), (create.Method, create.PathAndQuery, create.Authorization));
        Assert.Equal(
            """{"fields":{"project":{"key":"OPS"},"summary":"Add a canary stage","description":"Follow-up of incident INC-42, recorded for its postmortem by the incident bot.\n\n{noformat}\nAdd a canary stage\n{noformat}\n\nIncident INC-42: Checkout returns 502s\nhttps://incidents.example.com/incidents/INC-42","issuetype":{"name":"Task"},"labels":["incident-follow-up"],"components":[{"name":"Platform"}],"assignee":{"name":"alice"}}}""",
            create.Body);
    }

    [Fact]
    public async Task An_owner_Jira_does_not_know_leaves_the_issue_unassigned()
    {
        await TrackerHarness.Jira(_jira, 3, _http).CreateAsync(TrackerHarness.Issue, Ct);

        Assert.DoesNotContain("assignee", _jira.Requests[^1].Body, StringComparison.Ordinal);
        Assert.Single(_jira.Issues);
    }

    [Fact]
    public async Task An_issue_whose_status_is_in_the_done_category_reads_as_closed()
    {
        JiraIssueTracker tracker = TrackerHarness.Jira(_jira, 3, _http);
        TrackedIssue issue = await tracker.CreateAsync(TrackerHarness.Issue with { Owner = null }, Ct);
        Assert.False(await tracker.IsClosedAsync(issue.Key, Ct));

        _jira.Close(issue.Key);

        Assert.True(await tracker.IsClosedAsync(issue.Key, Ct));
        Assert.Equal("GET /rest/api/3/issue/OPS-1?fields=status", $"{_jira.Requests[^1].Method} {_jira.Requests[^1].PathAndQuery}");
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, null, false, null)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, false, null)]
    [InlineData(HttpStatusCode.TooManyRequests, 30, false, 30)]
    [InlineData(HttpStatusCode.BadRequest, null, true, null)]
    [InlineData(HttpStatusCode.Forbidden, null, true, null)]
    public async Task A_failed_call_is_tried_again_unless_Jira_refused_it_for_good(HttpStatusCode status, int? retryAfter, bool permanent, int? waitSeconds)
    {
        _jira.FailNext(status, retryAfter);

        var failure = await Assert.ThrowsAsync<FollowUpTrackerException>(
            () => TrackerHarness.Jira(_jira, 3, _http).CreateAsync(TrackerHarness.Issue with { Owner = null }, Ct));

        Assert.Equal(permanent, failure.IsPermanent);
        Assert.Equal(waitSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, failure.RetryAfter);
        Assert.Equal($"Jira (creating an issue in OPS) answered {(int)status}: {{\"message\":\"stand-in fault {(int)status}\"}}", failure.Message);
        Assert.Empty(_jira.Issues);
    }

    [Fact]
    public async Task A_call_Jira_does_not_answer_within_the_timeout_is_tried_again()
    {
        _jira.StallNext();

        var failure = await Assert.ThrowsAsync<FollowUpTrackerException>(
            () => TrackerHarness.Jira(_jira, 3, _http).CreateAsync(TrackerHarness.Issue with { Owner = null }, Ct));

        Assert.False(failure.IsPermanent);
        Assert.Equal("Jira (creating an issue in OPS) did not answer within 00:00:02", failure.Message);
    }
}
