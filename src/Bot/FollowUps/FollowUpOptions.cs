namespace ChatOpsIncidents.Bot.FollowUps;

/// <summary>
/// Where <c>/incident followup</c> also creates an issue: a GitHub repository or a Jira project, not both; neither keeps
/// follow-ups in the postmortem only.
/// </summary>
public sealed class FollowUpOptions
{
    public const string Section = "Postmortems:FollowUps";

    /// <summary>The dashboard's address as people open it, such as "https://incidents.example.com/": each issue links to its incident's page there.</summary>
    public string DashboardUrl { get; set; } = "";

    /// <summary>How long one call to the tracker may take; a call that takes longer is tried again later.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public GitHubFollowUpOptions? GitHub { get; set; }

    public JiraFollowUpOptions? Jira { get; set; }

    /// <summary>The incident page <paramref name="key"/> on the dashboard.</summary>
    public Uri IncidentLink(string key) =>
        new(new Uri(DashboardUrl.EndsWith('/') ? DashboardUrl : DashboardUrl + "/"), $"incidents/{Uri.EscapeDataString(key)}");
}

public sealed class GitHubFollowUpOptions
{
    /// <summary>"owner/name" of the repository issues are created in.</summary>
    public string Repository { get; set; } = "";

    /// <summary>A token that may create and read issues there (a fine-grained token with Issues: read and write). A secret.</summary>
    public string Token { get; set; } = "";

    /// <summary>GitHub Enterprise Server's address, such as "https://github.example.com/" (its API is under /api/v3/); empty for github.com.</summary>
    public string BaseUrl { get; set; } = "";

    public List<string> Labels { get; set; } = [];

    /// <summary>GitHub logins by email address: a follow-up's owner whose Slack email is here is assigned the issue.</summary>
    public Dictionary<string, string> Assignees { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string Owner => Repository.Split('/')[0];

    public string Name => Repository.Split('/')[^1];
}

public sealed class JiraFollowUpOptions
{
    /// <summary>The Jira site, such as "https://acme.atlassian.net/" (Cloud) or "https://jira.example.com/" (Server, Data Center).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The key of the project issues are created in, such as "OPS".</summary>
    public string Project { get; set; } = "";

    public string IssueType { get; set; } = "Task";

    /// <summary>Jira Cloud: the account's email, sent with <see cref="Token"/> (an API token) as basic authentication. Empty: the token is a personal access token (Server, Data Center).</summary>
    public string Email { get; set; } = "";

    /// <summary>A secret.</summary>
    public string Token { get; set; } = "";

    /// <summary>The REST API version: 3 (Cloud; descriptions in Atlassian Document Format) or 2 (Server, Data Center, and Cloud).</summary>
    public int ApiVersion { get; set; } = 3;

    public List<string> Labels { get; set; } = [];

    /// <summary>Names of the project's components the issues are filed under.</summary>
    public List<string> Components { get; set; } = [];

    public Uri Site => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/");
}
