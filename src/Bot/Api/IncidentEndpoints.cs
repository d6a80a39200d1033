using System.Security.Claims;
using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Postmortems;
using static ChatOpsIncidents.Bot.Api.QueryParameters;

namespace ChatOpsIncidents.Bot.Api;

internal static class IncidentEndpoints
{
    /// <summary>The largest body a write takes: a description and a note at their limits fit many times over.</summary>
    public const int MaxBodyBytes = 32 * 1024;

    private const string MarkdownContentType = "text/markdown; charset=utf-8";
    private const string TooLarge = "The request body is over 32 KiB; the longest field, a description, is at most 3 000 characters.";
    private static readonly TimeSpan s_defaultStatisticsPeriod = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapIncidentApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder incidents = app.MapGroup("/api/incidents").WithTags("Incidents");
        incidents.MapGet("/", ListAsync).WithName("ListIncidents")
            .WithSummary("Lists incidents, newest first. Filters: status (open, triggered, acknowledged, resolved), severity, service, since (ISO 8601); paging: page, pageSize (max 200).")
            .Produces<IncidentListView>().ProducesProblem(StatusCodes.Status400BadRequest);
        incidents.MapGet("/stats", StatisticsAsync).WithName("GetIncidentStatistics")
            .WithSummary("MTTA and MTTR of incidents opened in [from, until) (default: the last 30 days), grouped by service, severity or all.")
            .Produces<StatisticsView>().ProducesProblem(StatusCodes.Status400BadRequest);
        incidents.MapGet("/{key}", GetAsync).WithName("GetIncident")
            .WithSummary("One incident with its alerts and its whole timeline.")
            .Produces<IncidentDetailsView>().ProducesProblem(StatusCodes.Status404NotFound);
        incidents.MapGet("/{key}/postmortem", GetPostmortemAsync).WithName("GetIncidentPostmortem")
            .WithSummary("The incident's postmortem draft as it stands now, as Markdown (from the postmortem template).")
            .Produces<string>(StatusCodes.Status200OK, MarkdownContentType).ProducesProblem(StatusCodes.Status404NotFound);

        // The bearer token, or a responder's session and anti-forgery token, is checked before a byte of a JSON body is read;
        // bodies are read up to MaxBodyBytes.
        RouteGroupBuilder writes = incidents.MapGroup("").RequireAuthorization(SignInPolicies.Responder)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        writes.MapPost("/", DeclareAsync).WithName("DeclareIncident")
            .WithSummary("Declares an incident by hand; the token's name is recorded as who did, \"by\" as whom it was done for (unverified).")
            .DocumentsJsonBody<DeclareIncidentRequest>()
            .Produces<IncidentDetailsView>(StatusCodes.Status201Created);
        writes.MapPost("/{key}/ack", AcknowledgeAsync).WithName("AcknowledgeIncident")
            .WithSummary("Acknowledges a triggered incident.")
            .DocumentsJsonBody<IncidentActionRequest>(required: false)
            .Produces<IncidentSummaryView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPost("/{key}/resolve", ResolveAsync).WithName("ResolveIncident")
            .WithSummary("Resolves an open incident, with an optional note; with \"noise\": true, as not actionable (also one already resolved), the note saying why.")
            .DocumentsJsonBody<IncidentActionRequest>(required: false)
            .Produces<IncidentSummaryView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<IResult> ListAsync(
        IncidentQueries queries,
        string? status,
        string? severity,
        string? service,
        string? since,
        string? until,
        string? environment,
        string? q,
        string? page,
        string? pageSize,
        CancellationToken cancellationToken)
    {
        List<string> problems = [];
        bool openOnly = string.Equals(status, "open", StringComparison.OrdinalIgnoreCase); // as Slack's `list open`: triggered or acknowledged
        IncidentStatus? statusFilter = openOnly
            ? null
            : ParseOptional<IncidentStatus>(status, "status", "open, triggered, acknowledged or resolved", TryParseName, problems);
        Severity? severityFilter = ParseOptional<Severity>(severity, "severity", "SEV1, SEV2, SEV3 or SEV4", SeverityText.TryParse, problems);
        DateTimeOffset? sinceFilter = ParseOptional<DateTimeOffset>(since, "since", "an ISO 8601 time such as 2026-03-02T09:00:00Z", TryParseTime, problems);
        DateTimeOffset? untilFilter = ParseOptional<DateTimeOffset>(until, "until", "an ISO 8601 time such as 2026-03-02T09:00:00Z", TryParseTime, problems);
        int pageNumber = ParseOptional<int>(page, "page", "a whole number from 1", TryParsePage, problems) ?? 1;
        int size = ParseOptional<int>(pageSize, "pageSize", $"a whole number from 1 to {IncidentFilter.MaxPageSize}", TryParsePageSize, problems)
            ?? IncidentFilter.DefaultPageSize;
        if (problems.Count > 0)
        {
            return Problems.BadRequest("Invalid query", string.Join(" ", problems));
        }
        IncidentPage found = await queries.ListAsync(new IncidentFilter(
            statusFilter, severityFilter, service, sinceFilter, pageNumber, size, openOnly, environment, untilFilter, TitleContains: q), cancellationToken);
        return TypedResults.Ok(new IncidentListView([.. found.Items.Select(IncidentSummaryView.From)], found.Page, found.PageSize, found.Total));
    }

    public static async Task<IResult> GetAsync(
        string key, IncidentQueries queries, EventQueries events, IPeopleDirectory people, CancellationToken cancellationToken)
    {
        if (!IncidentKey.TryParse(key, out IncidentKey incidentKey))
        {
            return Problems.BadRequest("Invalid incident key", $"\"{key}\" is not an incident key such as INC-42.");
        }
        IncidentDetailsView? incident = await IncidentDetailsView.LoadAsync(incidentKey, queries, events, people, cancellationToken);
        return incident is null ? Problems.NotFound(IncidentError.NotFound(incidentKey).Message) : TypedResults.Ok(incident);
    }

    public static async Task<IResult> GetPostmortemAsync(string key, PostmortemDrafts drafts, CancellationToken cancellationToken)
    {
        if (!IncidentKey.TryParse(key, out IncidentKey incidentKey))
        {
            return Problems.BadRequest("Invalid incident key", $"\"{key}\" is not an incident key such as INC-42.");
        }
        string? draft = await drafts.RenderAsync(incidentKey, cancellationToken);
        return draft is null
            ? Problems.NotFound(IncidentError.NotFound(incidentKey).Message)
            : TypedResults.Text(draft, MarkdownContentType);
    }

    public static async Task<IResult> StatisticsAsync(
        IncidentStatisticsService statistics,
        TimeProvider time,
        string? from,
        string? until,
        string? groupBy,
        CancellationToken cancellationToken)
    {
        List<string> problems = [];
        DateTimeOffset end = ParseOptional<DateTimeOffset>(until, "until", "an ISO 8601 time", TryParseTime, problems) ?? time.GetUtcNow();
        DateTimeOffset start = ParseOptional<DateTimeOffset>(from, "from", "an ISO 8601 time", TryParseTime, problems) ?? end - s_defaultStatisticsPeriod;
        StatisticsGrouping grouping = ParseOptional<StatisticsGrouping>(groupBy, "groupBy", "service, severity or all", TryParseName, problems)
            ?? StatisticsGrouping.All;
        if (problems.Count == 0 && start >= end)
        {
            problems.Add("\"from\" must be earlier than \"until\".");
        }
        if (problems.Count > 0)
        {
            return Problems.BadRequest("Invalid query", string.Join(" ", problems));
        }
        IReadOnlyList<ResponseStatistics> groups = await statistics.ComputeAsync(start, end, grouping, cancellationToken);
        return TypedResults.Ok(new StatisticsView(start, end, grouping.ToString().ToLowerInvariant(), [.. groups.Select(ResponseStatisticsView.From)]));
    }

    public static async Task<IResult> DeclareAsync(HttpRequest http, ClaimsPrincipal client, IncidentService incidents, CancellationToken cancellationToken)
    {
        JsonBody<DeclareIncidentRequest> body = await JsonBody<DeclareIncidentRequest>.ReadAsync(
            http, MaxBodyBytes, ApiJsonContext.Default.DeclareIncidentRequest, "incident", TooLarge, cancellationToken);
        if (!body.IsRead)
        {
            return body.Problem;
        }
        DeclareIncidentRequest request = body.Value ?? new DeclareIncidentRequest(null, null, null, null, null, null);
        Severity severity = Severity.Sev3;
        if (request.Severity is not null && !SeverityText.TryParse(request.Severity, out severity))
        {
            return Problems.BadRequest("Invalid incident", $"\"severity\" must be SEV1, SEV2, SEV3 or SEV4, was \"{request.Severity}\".");
        }
        var declared = new DeclaredIncident(request.Title ?? "", severity, request.Service, request.Description, request.Commander);
        IncidentCommandResult result = await incidents.DeclareAsync(declared, ApiCaller.ActorOf(client, request.By), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/incidents/{result.Incident.Key}", IncidentDetailsView.From(result.Incident, [], events: 0, names: new Dictionary<string, string>()))
            : ToProblem(result.Error);
    }

    public static Task<IResult> AcknowledgeAsync(string key, HttpRequest http, ClaimsPrincipal client, IncidentService incidents, CancellationToken cancellationToken) =>
        RunAsync(key, http, (incidentKey, request) => incidents.AcknowledgeAsync(incidentKey, ApiCaller.ActorOf(client, request?.By), cancellationToken), cancellationToken);

    public static Task<IResult> ResolveAsync(string key, HttpRequest http, ClaimsPrincipal client, IncidentService incidents, CancellationToken cancellationToken) =>
        RunAsync(key, http, (incidentKey, request) => request is { Noise: true }
            ? incidents.ResolveAsNoiseAsync(incidentKey, ApiCaller.ActorOf(client, request.By), request.Note, cancellationToken)
            : incidents.ResolveAsync(incidentKey, ApiCaller.ActorOf(client, request?.By), request?.Note, cancellationToken), cancellationToken);

    private static async Task<IResult> RunAsync(
        string key, HttpRequest http, Func<IncidentKey, IncidentActionRequest?, Task<IncidentCommandResult>> command, CancellationToken cancellationToken)
    {
        if (!IncidentKey.TryParse(key, out IncidentKey incidentKey))
        {
            return Problems.BadRequest("Invalid incident key", $"\"{key}\" is not an incident key such as INC-42.");
        }
        JsonBody<IncidentActionRequest> body = await JsonBody<IncidentActionRequest>.ReadAsync(
            http, MaxBodyBytes, ApiJsonContext.Default.IncidentActionRequest, "incident action", TooLarge, cancellationToken);
        if (!body.IsRead)
        {
            return body.Problem;
        }
        IncidentCommandResult result = await command(incidentKey, body.Value);
        return result.Succeeded ? TypedResults.Ok(IncidentSummaryView.From(result.Incident)) : ToProblem(result.Error);
    }

    private static IResult ToProblem(IncidentError error) => error.Kind switch
    {
        IncidentErrorKind.NotFound => Problems.NotFound(error.Message),
        IncidentErrorKind.InvalidTransition => Problems.Conflict(error.Message),
        _ => Problems.BadRequest("Invalid request", error.Message),
    };
}
