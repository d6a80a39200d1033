using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Core.FollowUps;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.FollowUps;

/// <summary>
/// Follow-ups as issues of a Jira project, through Jira's REST API (version 3 on Cloud, 2 on Server and Data Center) with a
/// token: an API token with the account's email (basic authentication) or a personal access token (bearer). The owner is
/// assigned when Jira finds a user by their Slack email. A closed issue is one whose status is in the "done" category.
/// </summary>
internal sealed class JiraIssueTracker(HttpClient http, IOptions<FollowUpOptions> options, OwnerEmails emails, TimeProvider time) : IFollowUpTracker
{
    private JiraFollowUpOptions Jira => options.Value.Jira ?? throw new InvalidOperationException($"{FollowUpOptions.Section}:Jira is not configured.");

    private string Api => $"rest/api/{Jira.ApiVersion}/";

    public string? Name => $"Jira {Jira.Project}";

    public async Task<TrackedIssue> CreateAsync(FollowUpIssue issue, CancellationToken cancellationToken)
    {
        var fields = new JsonObject
        {
            ["project"] = new JsonObject { ["key"] = Jira.Project },
            ["summary"] = IssueText.Title(issue),
            ["description"] = Jira.ApiVersion == 2 ? WikiDescription(issue) : DocumentDescription(issue),
            ["issuetype"] = new JsonObject { ["name"] = Jira.IssueType },
        };
        if (Jira.Labels.Count > 0)
        {
            fields["labels"] = new JsonArray([.. Jira.Labels.Select(label => JsonValue.Create(label))]);
        }
        if (Jira.Components.Count > 0)
        {
            fields["components"] = new JsonArray([.. Jira.Components.Select(component => new JsonObject { ["name"] = component })]);
        }
        if (await AssigneeAsync(issue.Owner, cancellationToken) is { } assignee)
        {
            fields["assignee"] = assignee;
        }
        using JsonDocument created = await SendAsync($"Jira (creating an issue in {Jira.Project})", HttpMethod.Post, Api + "issue",
            new JsonObject { ["fields"] = fields }, cancellationToken);
        string key = created.RootElement.GetProperty("key").GetString() ?? throw new FollowUpTrackerException("Jira created an issue without answering its key.", isPermanent: true);
        return new TrackedIssue(key, new Uri(Jira.Site, $"browse/{Uri.EscapeDataString(key)}").AbsoluteUri, IsClosed: false);
    }

    public async Task<bool> IsClosedAsync(string key, CancellationToken cancellationToken)
    {
        using JsonDocument issue = await SendAsync($"Jira (reading issue {key})", HttpMethod.Get,
            $"{Api}issue/{Uri.EscapeDataString(key)}?fields=status", body: null, cancellationToken);
        return issue.RootElement.GetProperty("fields").GetProperty("status").GetProperty("statusCategory").GetProperty("key").GetString() == "done";
    }

    /// <summary>Version 2 takes wiki markup: the text in a {noformat} block, where nothing in it mentions anyone or renders.</summary>
    private string WikiDescription(FollowUpIssue issue) =>
        $"{IssueText.Introduction(issue)}\n\n{{noformat}}\n{issue.Text.Replace("{noformat}", "{ noformat }", StringComparison.OrdinalIgnoreCase)}\n{{noformat}}\n\n"
        + $"{IssueText.IncidentLine(issue)}\n{IncidentLink(issue)}";

    /// <summary>Version 3 takes an Atlassian document, whose text nodes are literal.</summary>
    private JsonObject DocumentDescription(FollowUpIssue issue) => new()
    {
        ["type"] = "doc",
        ["version"] = 1,
        ["content"] = new JsonArray(
            Paragraph(Text(IssueText.Introduction(issue))),
            new JsonObject { ["type"] = "codeBlock", ["content"] = new JsonArray(Text(issue.Text)) },
            Paragraph(Text(IssueText.IncidentLine(issue) + " "),
                Text(IncidentLink(issue), new JsonObject { ["type"] = "link", ["attrs"] = new JsonObject { ["href"] = IncidentLink(issue) } }))),
    };

    private static JsonObject Paragraph(params JsonNode[] content) => new() { ["type"] = "paragraph", ["content"] = new JsonArray(content) };

    private static JsonObject Text(string text, JsonObject? mark = null)
    {
        var node = new JsonObject { ["type"] = "text", ["text"] = text };
        if (mark is not null)
        {
            node["marks"] = new JsonArray(mark);
        }
        return node;
    }

    private string IncidentLink(FollowUpIssue issue) => options.Value.IncidentLink(issue.Incident.ToString()).AbsoluteUri;

    /// <summary>The user Jira finds by the owner's email: by account id on Cloud (version 3), by user name on version 2.</summary>
    private async Task<JsonObject?> AssigneeAsync(string? owner, CancellationToken cancellationToken)
    {
        if (await emails.EmailOfAsync(owner, cancellationToken) is not { } email)
        {
            return null;
        }
        string search = Jira.ApiVersion == 2 ? $"username={Uri.EscapeDataString(email)}" : $"query={Uri.EscapeDataString(email)}";
        using JsonDocument users = await SendAsync("Jira (finding the owner)", HttpMethod.Get, $"{Api}user/search?{search}", body: null, cancellationToken);
        if (users.RootElement.ValueKind != JsonValueKind.Array || users.RootElement.GetArrayLength() != 1)
        {
            return null; // nobody, or not one person: unassigned
        }
        JsonElement user = users.RootElement[0];
        return Jira.ApiVersion == 2
            ? user.TryGetProperty("name", out JsonElement name) ? new JsonObject { ["name"] = name.GetString() } : null
            : user.TryGetProperty("accountId", out JsonElement id) ? new JsonObject { ["accountId"] = id.GetString() } : null;
    }

    private async Task<JsonDocument> SendAsync(string what, HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Jira.Site, path));
        request.Headers.Authorization = Jira.Email.Length > 0
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Jira.Email}:{Jira.Token}")))
            : new AuthenticationHeaderValue("Bearer", Jira.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw TrackerFailure.FromStatus(what, response.StatusCode, text, TrackerFailure.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()));
            }
            return JsonDocument.Parse(text);
        }
        catch (HttpRequestException exception)
        {
            throw TrackerFailure.Unreachable(what, exception);
        }
        catch (JsonException exception)
        {
            throw new FollowUpTrackerException($"{what} answered something that is not JSON: {exception.Message}", isPermanent: false, inner: exception);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TrackerFailure.TimedOut(what, options.Value.Timeout);
        }
    }
}
