using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.FollowUps;

/// <summary>
/// GitHub's REST API (as GitHub Enterprise Server serves it, under /api/v3/) and Jira's REST API (versions 2 and 3) on a free
/// 127.0.0.1 port, in their wire formats, for the parts follow-ups use: creating and reading issues, finding Jira users.
/// Records every request (method, path and query, Authorization, body); answers the queued faults first (a status with a
/// Retry-After, or a stall longer than the client's timeout).
/// </summary>
public sealed class IssueTrackerStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TrackerRequest> _requests = new();
    private readonly ConcurrentQueue<TrackerFault> _faults = new();
    private readonly ConcurrentDictionary<string, JsonObject> _issues = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _created;

    private IssueTrackerStandIn(WebApplication app) => _app = app;

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>: GitHub:BaseUrl and Jira:BaseUrl.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<TrackerRequest> Requests => [.. _requests];

    /// <summary>Issues created, by their key ("42", "OPS-1").</summary>
    public IReadOnlyDictionary<string, JsonObject> Issues => _issues;

    /// <summary>Jira users by email: what <c>user/search</c> finds.</summary>
    public ConcurrentDictionary<string, string> JiraUsers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<IssueTrackerStandIn> StartAsync(CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var tracker = new IssueTrackerStandIn(app);
        app.Run(tracker.HandleAsync);
        await app.StartAsync(cancellationToken);
        tracker.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/");
        return tracker;
    }

    /// <summary>The next request is answered <paramref name="status"/> (with Retry-After seconds when given) and changes nothing.</summary>
    public void FailNext(HttpStatusCode status, int? retryAfterSeconds = null) => _faults.Enqueue(new TrackerFault(status, retryAfterSeconds, Stall: false));

    /// <summary>The next request gets no answer for a minute, as a tracker that hangs.</summary>
    public void StallNext() => _faults.Enqueue(new TrackerFault(HttpStatusCode.GatewayTimeout, null, Stall: true));

    /// <summary>Closes issue <paramref name="key"/> as a person would in the tracker.</summary>
    public void Close(string key)
    {
        JsonObject issue = _issues[key];
        if (issue.ContainsKey("state"))
        {
            issue["state"] = "closed";
        }
        else
        {
            issue["fields"]!["status"] = Status("Done", "done");
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new TrackerRequest(request.Method, request.Path + request.QueryString, request.Headers.Authorization.ToString(), body));
        if (_faults.TryDequeue(out TrackerFault? fault))
        {
            if (fault.Stall)
            {
                using var stall = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
                await Task.Delay(TimeSpan.FromMinutes(1), stall.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            await Results.Json(new JsonObject { ["message"] = $"stand-in fault {(int)fault.Status}" }, statusCode: (int)fault.Status).ExecuteAsync(context);
            return;
        }
        string path = request.Path.Value ?? "";
        string[] parts = path.Trim('/').Split('/');
        IResult result = (request.Method, parts) switch
        {
            ("POST", ["api", "v3", "repos", string owner, string repo, "issues"]) => CreateGitHubIssue(owner, repo, body),
            ("GET", ["api", "v3", "repos", _, _, "issues", string number]) => Found(number),
            ("POST", ["rest", "api", _, "issue"]) => CreateJiraIssue(body),
            ("GET", ["rest", "api", _, "issue", string key]) => Found(key),
            ("GET", ["rest", "api", string version, "user", "search"]) => FindJiraUser(version, request.Query),
            _ => Results.Json(new JsonObject { ["message"] = "Not Found" }, statusCode: 404),
        };
        await result.ExecuteAsync(context);
    }

    private IResult CreateGitHubIssue(string owner, string repo, string body)
    {
        JsonObject asked = JsonNode.Parse(body)!.AsObject();
        int number = Interlocked.Increment(ref _created) + 41;
        var issue = new JsonObject
        {
            ["id"] = 1000 + number,
            ["number"] = number,
            ["title"] = asked["title"]?.GetValue<string>(),
            ["body"] = asked["body"]?.GetValue<string>(),
            ["state"] = "open",
            ["url"] = $"{BaseAddress}api/v3/repos/{owner}/{repo}/issues/{number}",
            ["html_url"] = $"https://github.example.com/{owner}/{repo}/issues/{number}",
            ["labels"] = new JsonArray(),
            ["assignees"] = new JsonArray(),
            ["locked"] = false,
            ["comments"] = 0,
            ["created_at"] = "2026-03-02T09:20:00Z",
            ["updated_at"] = "2026-03-02T09:20:00Z",
        };
        _issues[number.ToString(System.Globalization.CultureInfo.InvariantCulture)] = issue;
        return Results.Json(issue, statusCode: 201);
    }

    private IResult CreateJiraIssue(string body)
    {
        _ = JsonNode.Parse(body);
        int number = Interlocked.Increment(ref _created);
        string key = $"OPS-{number}";
        _issues[key] = new JsonObject { ["key"] = key, ["fields"] = new JsonObject { ["status"] = Status("To Do", "new") } };
        return Results.Json(new JsonObject { ["id"] = $"{10000 + number}", ["key"] = key, ["self"] = $"{BaseAddress}rest/api/3/issue/{10000 + number}" }, statusCode: 201);
    }

    private IResult Found(string key) => _issues.TryGetValue(key, out JsonObject? issue)
        ? Results.Json(issue)
        : Results.Json(new JsonObject { ["message"] = "Not Found" }, statusCode: 404);

    private IResult FindJiraUser(string version, IQueryCollection query)
    {
        string? email = version == "2" ? query["username"] : query["query"];
        return Results.Json(email is not null && JiraUsers.TryGetValue(email, out string? id)
            ? new JsonArray(version == "2" ? new JsonObject { ["name"] = id } : new JsonObject { ["accountId"] = id })
            : new JsonArray());
    }

    private static JsonObject Status(string name, string category) =>
        new() { ["name"] = name, ["statusCategory"] = new JsonObject { ["key"] = category } };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}

/// <summary>A request the stand-in received.</summary>
public sealed record TrackerRequest(string Method, string PathAndQuery, string Authorization, string Body);

internal sealed record TrackerFault(HttpStatusCode Status, int? RetryAfterSeconds, bool Stall);
