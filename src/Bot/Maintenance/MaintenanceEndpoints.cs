using System.Globalization;
using System.Security.Claims;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Maintenance;

/// <summary>
/// Maintenance windows through the API, as <c>/maintenance</c> makes them in Slack (<see cref="MaintenanceWindows"/>): reads
/// as the API's other reads, writes for a responder's token. Alertmanager failing is a 502 saying what it answered.
/// </summary>
internal static class MaintenanceEndpoints
{
    /// <summary>The largest body POST takes: ten matchers with values at their limit and a reason fit.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private const string TooLarge = "The request body is over 16 KiB; a window has at most 10 matchers of 1 024 characters and a reason of 300.";

    public static IEndpointRouteBuilder MapMaintenanceApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder windows = app.MapGroup("/api/maintenance").WithTags("Maintenance")
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        windows.MapGet("/", ListAsync).WithName("ListMaintenanceWindows")
            .WithSummary("The maintenance windows to come and under way (Alertmanager silences), the soonest first.")
            .Produces<MaintenanceWindowListView>();

        // As the incident API's writes: the token, or a responder's session and anti-forgery token, before the body is read.
        RouteGroupBuilder writes = windows.MapGroup("").RequireAuthorization(SignInPolicies.Responder)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        writes.MapPost("/", AddAsync).WithName("AddMaintenanceWindow")
            .WithSummary("Holds back the alerts matching \"matchers\" (label equalities) from \"startsAt\" (ISO 8601 with offset; absent: now) "
                + "for \"duration\" (30m, 4h, 2d; at most 7d), with a \"reason\": an Alertmanager silence starting then.")
            .DocumentsJsonBody<MaintenanceWindowRequest>()
            .Produces<MaintenanceWindowView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        writes.MapDelete("/{id}", CancelAsync).WithName("CancelMaintenanceWindow")
            .WithSummary("Ends a maintenance window under way, or takes back one to come.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static Task<IResult> ListAsync(MaintenanceWindows windows, CancellationToken cancellationToken) =>
        AskAlertmanagerAsync(windows, async () =>
            TypedResults.Ok(new MaintenanceWindowListView([.. (await windows.ListAsync(cancellationToken)).Select(MaintenanceWindowView.From)])));

    public static async Task<IResult> AddAsync(
        HttpRequest http, ClaimsPrincipal client, MaintenanceWindows windows, TimeProvider time, CancellationToken cancellationToken)
    {
        JsonBody<MaintenanceWindowRequest> body = await JsonBody<MaintenanceWindowRequest>.ReadAsync(
            http, MaxBodyBytes, MaintenanceJsonContext.Default.MaintenanceWindowRequest, "maintenance window", TooLarge, cancellationToken);
        if (!body.IsRead)
        {
            return body.Problem;
        }
        MaintenanceWindowRequest request = body.Value ?? new MaintenanceWindowRequest(null, null, null, null, null);
        DateTimeOffset now = time.GetUtcNow();
        List<SilenceMatcher> matchers = [.. (request.Matchers ?? []).Select(matcher => new SilenceMatcher(matcher.Key, matcher.Value ?? ""))];
        MaintenanceRequest? window = MaintenanceRequest.Create(
            matchers, request.StartsAt ?? "now", request.Duration ?? "", request.Reason?.Trim() ?? "", out string? windowError);
        string[] problems = [.. new[] { windowError, StartError(request.StartsAt, now, out DateTimeOffset start), TextLimits.Check("by", request.By, TextLimits.Person)?.Message }
            .OfType<string>()];
        if (window is null || problems.Length > 0)
        {
            return Problems.BadRequest("Invalid maintenance window", string.Join(" ", problems));
        }
        Actor actor = ApiCaller.ActorOf(client, request.By);
        string createdBy = actor.OnBehalfOf is { } whom ? $"{actor.DisplayName} (on behalf of {whom}, unverified)" : actor.DisplayName;
        return await AskAlertmanagerAsync(windows, async () =>
        {
            string id = await windows.AddAsync(window, start, createdBy, cancellationToken);
            string state = start > now ? "pending" : "active";
            return TypedResults.Created((string?)null,
                new MaintenanceWindowView(id, matchers, start, start + window.Length, state, window.Reason, createdBy));
        });
    }

    public static Task<IResult> CancelAsync(string id, ClaimsPrincipal client, MaintenanceWindows windows, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _))
        {
            return Task.FromResult(Problems.BadRequest("Invalid maintenance window id", $"\"{id}\" is not a maintenance window id: a UUID, as GET /api/maintenance lists them."));
        }
        return AskAlertmanagerAsync(windows, async () => await windows.CancelAsync(id, ApiCaller.ActorOf(client, by: null).DisplayName, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"No maintenance window {id} is to come or under way: GET /api/maintenance lists them."));
    }

    /// <summary>
    /// Absent, the window starts now; else an ISO 8601 time with its offset (a time without one would be read in some zone
    /// nobody chose), not passed.
    /// </summary>
    private static string? StartError(string? text, DateTimeOffset now, out DateTimeOffset start)
    {
        start = now;
        if (text is null)
        {
            return null;
        }
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTime read) || read.Kind == DateTimeKind.Unspecified
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out start))
        {
            return $"\"startsAt\" must be an ISO 8601 time with its offset, such as 2026-12-08T22:00:00+01:00 or 2026-12-08T21:00:00Z, was \"{text}\".";
        }
        start = start.ToUniversalTime();
        return start < now ? $"\"startsAt\" {text} has passed; leave it out to start now." : null;
    }

    /// <summary>Runs <paramref name="ask"/>, or answers 503 when Alertmanager is not configured and 502 when it failed.</summary>
    private static async Task<IResult> AskAlertmanagerAsync(MaintenanceWindows windows, Func<Task<IResult>> ask)
    {
        if (!windows.IsConfigured)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Alertmanager not configured", MaintenanceWindows.NotConfigured);
        }
        try
        {
            return await ask();
        }
        catch (AlertmanagerApiException exception)
        {
            return Problems.Create(StatusCodes.Status502BadGateway, "Alertmanager failed", exception.Message);
        }
    }
}
