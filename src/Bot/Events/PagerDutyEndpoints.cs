using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Core.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Events;

/// <summary>
/// PagerDuty's Events API v2, so that any tool that can page PagerDuty can page the bot by changing one URL. The routing key is
/// the credential (as at PagerDuty): nothing is checked, throttled or stored before it matched an integration.
/// </summary>
internal static partial class PagerDutyEndpoints
{
    /// <summary>PagerDuty's limit; Alertmanager keeps its bodies under 512 000 bytes.</summary>
    public const int MaxBodyBytes = 512 * 1024;
    public const string Route = "/v2/enqueue";

    /// <summary>Answers as PagerDuty writes them: an apostrophe in an error stays an apostrophe (the answer is JSON, never HTML).</summary>
    private static readonly JsonSerializerOptions s_answerJson = new(PagerDutyJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEndpointRouteBuilder MapPagerDutyEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, ReceiveAsync)
            .AllowAnonymous()
            .WithName("ReceivePagerDutyEvent")
            .WithTags("Events")
            .WithSummary("Receives a PagerDuty Events API v2 event (application/json, at most 512 KB); the routing_key names the integration. Answers 202 once the event is committed.")
            .Produces<PagerDutyAnswer>(StatusCodes.Status202Accepted)
            .Produces<PagerDutyAnswer>(StatusCodes.Status400BadRequest)
            .Produces<PagerDutyAnswer>(StatusCodes.Status413PayloadTooLarge)
            .Produces<PagerDutyAnswer>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<PagerDutyAnswer>(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        IntegrationDirectory integrations,
        IntegrationRateLimits rateLimits,
        EventIntakeService intake,
        IOptions<EventsOptions> options,
        ILogger<PagerDutyEvent> logger,
        CancellationToken cancellationToken)
    {
        byte[]? body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Refuse(logger, StatusCodes.Status413PayloadTooLarge, PagerDutyAnswer.Invalid(["The body is over 512 KB, PagerDuty's limit for an event."]));
        }
        if (!request.HasJsonContentType())
        {
            return Refuse(logger, StatusCodes.Status415UnsupportedMediaType,
                PagerDutyAnswer.Unrecognized($"Send the event as application/json; the request said '{request.ContentType}'."));
        }
        PagerDutyEvent? sent;
        try
        {
            sent = JsonSerializer.Deserialize(body, PagerDutyJsonContext.Default.PagerDutyEvent);
        }
        catch (JsonException)
        {
            sent = null;
        }
        if (sent is null)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, PagerDutyAnswer.Unrecognized("JSON parse error"));
        }
        if (sent.RoutingKey?.Length != PagerDutyEvent.RoutingKeyLength)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest,
                PagerDutyAnswer.Invalid([$"Length of 'routing_key' is incorrect (should be {PagerDutyEvent.RoutingKeyLength} characters)"]));
        }
        if (integrations.Find(sent.RoutingKey) is not var (name, settings))
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, PagerDutyAnswer.Invalid(["Invalid routing key"]));
        }
        if (rateLimits.Throttle(name) is { } retryAfter)
        {
            LogThrottled(logger, name);
            request.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Answer(StatusCodes.Status429TooManyRequests, new PagerDutyAnswer("throttled", $"Integration '{name}' sent more than {options.Value.RateLimitPerMinute} events in the last minute; retry later."));
        }
        string dedupKey = string.IsNullOrEmpty(sent.DedupKey) ? Guid.NewGuid().ToString("N") : sent.DedupKey;
        (EventSignal? signal, IReadOnlyList<string> errors) = PagerDutyEventReader.Read(sent, name, settings, dedupKey);
        if (signal is null)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, PagerDutyAnswer.Invalid(errors));
        }
        await intake.ReceiveAsync(signal, options.Value.IncidentSeverity, cancellationToken);
        return Answer(StatusCodes.Status202Accepted, PagerDutyAnswer.Processed(dedupKey));
    }

    private static JsonHttpResult<PagerDutyAnswer> Refuse(ILogger logger, int status, PagerDutyAnswer answer)
    {
        LogRefused(logger, status, string.Join(" ", answer.Errors ?? []));
        return Answer(status, answer);
    }

    private static JsonHttpResult<PagerDutyAnswer> Answer(int status, PagerDutyAnswer answer) =>
        TypedResults.Json(answer, s_answerJson, statusCode: status);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "Refused a PagerDuty event with {Status}: {Errors}")]
    private static partial void LogRefused(ILogger logger, int status, string errors);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "Throttled integration {Integration}: over its events per minute")]
    private static partial void LogThrottled(ILogger logger, string integration);
}
