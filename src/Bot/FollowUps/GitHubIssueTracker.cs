using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ChatOpsIncidents.Core.FollowUps;
using Microsoft.Extensions.Options;
using Octokit;

namespace ChatOpsIncidents.Bot.FollowUps;

/// <summary>
/// Follow-ups as issues of a GitHub repository (github.com, or GitHub Enterprise Server at <c>GitHub:BaseUrl</c>), through
/// Octokit with a token. The owner is assigned when their Slack email is in <c>GitHub:Assignees</c>.
/// </summary>
internal sealed class GitHubIssueTracker : IFollowUpTracker
{
    private readonly FollowUpOptions _options;
    private readonly GitHubFollowUpOptions _github;
    private readonly GitHubClient _client;
    private readonly OwnerEmails _emails;
    private readonly TimeProvider _time;

    public GitHubIssueTracker(IOptions<FollowUpOptions> options, OwnerEmails emails, TimeProvider time)
    {
        _options = options.Value;
        _github = _options.GitHub ?? throw new InvalidOperationException($"{FollowUpOptions.Section}:GitHub is not configured.");
        _emails = emails;
        _time = time;
        var product = new Octokit.ProductHeaderValue("ChatOpsIncidents");
        _client = _github.BaseUrl.Length > 0 ? new GitHubClient(product, new Uri(_github.BaseUrl)) : new GitHubClient(product);
        _client.Credentials = new Credentials(_github.Token);
        _client.SetRequestTimeout(_options.Timeout);
    }

    public string? Name => $"GitHub {_github.Repository}";

    public async Task<TrackedIssue> CreateAsync(FollowUpIssue issue, CancellationToken cancellationToken)
    {
        var created = new NewIssue(IssueText.Title(issue)) { Body = Body(issue) };
        foreach (string label in _github.Labels)
        {
            created.Labels.Add(label);
        }
        if (await _emails.EmailOfAsync(issue.Owner, cancellationToken) is { } email && _github.Assignees.GetValueOrDefault(email) is { Length: > 0 } login)
        {
            created.Assignees.Add(login);
        }
        Issue answer = await CallAsync($"GitHub (creating an issue in {_github.Repository})",
            () => _client.Issue.Create(_github.Owner, _github.Name, created), cancellationToken);
        return new TrackedIssue(answer.Number.ToString(CultureInfo.InvariantCulture), answer.HtmlUrl, answer.State.Value == ItemState.Closed);
    }

    public async Task<bool> IsClosedAsync(string key, CancellationToken cancellationToken)
    {
        int number = int.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture);
        Issue answer = await CallAsync($"GitHub (reading issue #{key} of {_github.Repository})",
            () => _client.Issue.Get(_github.Owner, _github.Name, number), cancellationToken);
        return answer.State.Value == ItemState.Closed;
    }

    /// <summary>Markdown: the follow-up's text in a code block, where nothing in it mentions anyone or renders.</summary>
    private string Body(FollowUpIssue issue)
    {
        string fence = new('`', Math.Max(3, LongestRun(issue.Text, '`') + 1));
        return $"""
            {IssueText.Introduction(issue)}

            {fence}text
            {issue.Text}
            {fence}

            {MarkdownIncidentLine(issue)}
            """;
    }

    private string MarkdownIncidentLine(FollowUpIssue issue) =>
        $"Incident: [{issue.Incident}]({_options.IncidentLink(issue.Incident.ToString()).AbsoluteUri})";

    private static int LongestRun(string text, char c)
    {
        int longest = 0;
        int run = 0;
        foreach (char each in text)
        {
            run = each == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    /// <summary>Octokit takes no cancellation token: a call is bounded by <see cref="FollowUpOptions.Timeout"/>, and a cancelled one is left to finish.</summary>
    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(cancellationToken);
        }
        catch (ApiException exception)
        {
            throw TrackerFailure.FromStatus(what, Status(exception), exception.Message, RetryAfter(exception));
        }
        catch (HttpRequestException exception)
        {
            throw TrackerFailure.Unreachable(what, exception);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TrackerFailure.TimedOut(what, _options.Timeout);
        }
    }

    /// <summary>GitHub's rate limits answer 403 (or 429): tried again, not refused.</summary>
    private static HttpStatusCode Status(ApiException exception) =>
        exception is RateLimitExceededException or SecondaryRateLimitExceededException or AbuseException ? HttpStatusCode.TooManyRequests : exception.StatusCode;

    private TimeSpan? RetryAfter(ApiException exception) => exception switch
    {
        RateLimitExceededException limit => limit.Reset - _time.GetUtcNow(),
        AbuseException { RetryAfterSeconds: { } seconds } => TimeSpan.FromSeconds(seconds),
        _ => RetryConditionHeaderValue.TryParse(
            exception.HttpResponse?.Headers.FirstOrDefault(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)).Value, out RetryConditionHeaderValue? header)
                ? TrackerFailure.RetryAfter(header, _time.GetUtcNow())
                : null,
    };
}
