using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.FollowUps;

internal sealed partial class FollowUpOptionsValidator : IValidateOptions<FollowUpOptions>
{
    private const string Key = FollowUpOptions.Section;

    public ValidateOptionsResult Validate(string? name, FollowUpOptions options)
    {
        List<string> failures = [];
        if (options.GitHub is not null && options.Jira is not null)
        {
            failures.Add($"{Key}:GitHub and {Key}:Jira are both set: follow-ups go to one tracker, keep one of them.");
        }
        if (options.GitHub is null && options.Jira is null)
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
        if (!IsHttpUrl(options.DashboardUrl))
        {
            failures.Add($"{Key}:DashboardUrl must be the dashboard's absolute http(s) address, such as \"https://incidents.example.com/\": each issue links to its incident there.");
        }
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"{Key}:Timeout must be above zero and at most 2 minutes, such as \"00:00:30\", was \"{options.Timeout}\".");
        }
        if (options.GitHub is { } github)
        {
            if (!RepositoryName().IsMatch(github.Repository))
            {
                failures.Add($"{Key}:GitHub:Repository must be \"owner/name\", such as \"acme/shop\", was \"{github.Repository}\".");
            }
            if (string.IsNullOrWhiteSpace(github.Token))
            {
                failures.Add($"{Key}:GitHub:Token is empty: give a token that may create issues in the repository (environment variable Postmortems__FollowUps__GitHub__Token).");
            }
            if (github.BaseUrl.Length > 0 && !IsHttpUrl(github.BaseUrl))
            {
                failures.Add($"{Key}:GitHub:BaseUrl must be GitHub Enterprise Server's absolute http(s) address, such as \"https://github.example.com/\", or empty for github.com.");
            }
            failures.AddRange(Blank(github.Labels, $"{Key}:GitHub:Labels"));
        }
        if (options.Jira is { } jira)
        {
            if (!IsHttpUrl(jira.BaseUrl))
            {
                failures.Add($"{Key}:Jira:BaseUrl must be the Jira site's absolute http(s) address, such as \"https://acme.atlassian.net/\".");
            }
            if (!ProjectKey().IsMatch(jira.Project))
            {
                failures.Add($"{Key}:Jira:Project must be a project key such as \"OPS\", was \"{jira.Project}\".");
            }
            if (string.IsNullOrWhiteSpace(jira.IssueType))
            {
                failures.Add($"{Key}:Jira:IssueType is empty: name the issue type follow-ups are created as, such as \"Task\".");
            }
            if (string.IsNullOrWhiteSpace(jira.Token))
            {
                failures.Add($"{Key}:Jira:Token is empty: give an API token (Cloud, with Jira:Email) or a personal access token (environment variable Postmortems__FollowUps__Jira__Token).");
            }
            if (jira.ApiVersion is not (2 or 3))
            {
                failures.Add($"{Key}:Jira:ApiVersion must be 2 or 3, was {jira.ApiVersion}.");
            }
            failures.AddRange(Blank(jira.Labels, $"{Key}:Jira:Labels"));
            failures.AddRange(Blank(jira.Components, $"{Key}:Jira:Components"));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0;

    private static IEnumerable<string> Blank(List<string> names, string key) =>
        names.Select((value, i) => (value, i)).Where(n => string.IsNullOrWhiteSpace(n.value)).Select(n => $"{key}:{n.i} is empty.");

    [GeneratedRegex(@"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")]
    private static partial Regex RepositoryName();

    [GeneratedRegex(@"^[A-Z][A-Z0-9_]+$")]
    private static partial Regex ProjectKey();
}
