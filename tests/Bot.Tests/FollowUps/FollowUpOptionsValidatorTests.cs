using ChatOpsIncidents.Bot.FollowUps;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Tests.FollowUps;

public sealed class FollowUpOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(FollowUpOptions options) => new FollowUpOptionsValidator().Validate(null, options);

    [Fact]
    public void Without_a_tracker_nothing_else_is_required() => Assert.True(Validate(new FollowUpOptions()).Succeeded);

    [Fact]
    public void A_complete_GitHub_or_Jira_tracker_is_valid()
    {
        Assert.True(Validate(WithGitHub()).Succeeded);
        Assert.True(Validate(WithJira()).Succeeded);
    }

    [Fact]
    public void Both_trackers_at_once_are_refused_naming_both_keys() =>
        Assert.Contains("Postmortems:FollowUps:GitHub and Postmortems:FollowUps:Jira are both set",
            Validate(new FollowUpOptions { DashboardUrl = "https://incidents.example.com/", GitHub = WithGitHub().GitHub, Jira = WithJira().Jira }).FailureMessage,
            StringComparison.Ordinal);

    [Fact]
    public void A_GitHub_tracker_without_a_token_a_repository_or_a_dashboard_address_is_refused_naming_each_key()
    {
        FollowUpOptions options = WithGitHub();
        options.DashboardUrl = "";
        options.GitHub!.Token = " ";
        options.GitHub.Repository = "shop";
        options.GitHub.BaseUrl = "ftp://github.example.com";

        string failure = Validate(options).FailureMessage ?? "";

        Assert.Contains("Postmortems:FollowUps:DashboardUrl must be", failure, StringComparison.Ordinal);
        Assert.Contains("Postmortems:FollowUps:GitHub:Token is empty", failure, StringComparison.Ordinal);
        Assert.Contains("Postmortems:FollowUps:GitHub:Repository must be \"owner/name\", such as \"acme/shop\", was \"shop\".", failure, StringComparison.Ordinal);
        Assert.Contains("Postmortems:FollowUps:GitHub:BaseUrl must be", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Jira_tracker_with_an_unknown_API_version_or_a_lower_case_project_is_refused_and_the_token_is_never_shown()
    {
        FollowUpOptions options = WithJira();
        options.Jira!.ApiVersion = 4;
        options.Jira.Project = "ops";

        string failure = Validate(options).FailureMessage ?? "";

        Assert.Contains("Postmortems:FollowUps:Jira:ApiVersion must be 2 or 3, was 4.", failure, StringComparison.Ordinal);
        Assert.Contains("Postmortems:FollowUps:Jira:Project must be a project key such as \"OPS\", was \"ops\".", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("jira-secret", failure, StringComparison.Ordinal);
    }

    private static FollowUpOptions WithGitHub() => new()
    {
        DashboardUrl = "https://incidents.example.com/",
        GitHub = new GitHubFollowUpOptions { Repository = "acme/shop", Token = "ghp_secret" },
    };

    private static FollowUpOptions WithJira() => new()
    {
        DashboardUrl = "https://incidents.example.com/",
        Jira = new JiraFollowUpOptions { BaseUrl = "https://acme.atlassian.net/", Project = "OPS", Email = "bot@example.com", Token = "jira-secret" },
    };
}
