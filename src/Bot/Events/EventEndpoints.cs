using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Bot.Security;
using ChatOpsIncidents.Core.Events;
using static ChatOpsIncidents.Bot.Api.QueryParameters;

namespace ChatOpsIncidents.Bot.Events;

internal static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventApi(this IEndpointRouteBuilder app)
    {
        // Events carry what their senders sent (hosts, details): only API clients read them.
        app.MapGet("/api/events", ListAsync)
            .RequireAuthorization(AccessPolicies.Api)
            .WithName("ListEvents")
            .WithTags("Events")
            .WithSummary("Lists stored events, newest first. Filters: service, source, severity (info, warning, error, critical), from and until "
                + "(ISO 8601, when received), dedupKey, text (in the summary, any case); paging: page, pageSize (max 200).")
            .Produces<EventListView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    public static async Task<IResult> ListAsync(
        EventQueries queries,
        string? service,
        string? source,
        string? severity,
        string? from,
        string? until,
        string? dedupKey,
        string? text,
        string? page,
        string? pageSize,
        CancellationToken cancellationToken)
    {
        List<string> problems = [];
        EventSeverity? severityFilter = ParseOptional<EventSeverity>(severity, "severity", "info, warning, error or critical", TryParseName, problems);
        DateTimeOffset? fromFilter = ParseOptional<DateTimeOffset>(from, "from", "an ISO 8601 time such as 2026-03-02T09:00:00Z", TryParseTime, problems);
        DateTimeOffset? untilFilter = ParseOptional<DateTimeOffset>(until, "until", "an ISO 8601 time such as 2026-03-02T09:00:00Z", TryParseTime, problems);
        int pageNumber = ParseOptional<int>(page, "page", "a whole number from 1", TryParsePage, problems) ?? 1;
        int size = ParseOptional<int>(pageSize, "pageSize", $"a whole number from 1 to {EventFilter.MaxPageSize}", TryParsePageSize, problems)
            ?? EventFilter.DefaultPageSize;
        if (problems.Count > 0)
        {
            return Problems.BadRequest("Invalid query", string.Join(" ", problems));
        }
        EventPage found = await queries.ListAsync(
            new EventFilter(service, source, severityFilter, fromFilter, untilFilter, dedupKey, text, pageNumber, size), cancellationToken);
        return TypedResults.Ok(new EventListView([.. found.Items.Select(EventView.From)], found.Page, found.PageSize, found.Total));
    }
}
