using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Bot.Security;
using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Heartbeats;

namespace ChatOpsIncidents.Bot.Alertmanager;

internal static partial class AlertmanagerEndpoints
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const string Route = "/webhooks/alertmanager";

    /// <summary>The answer's outcome for a delivery of the heartbeat alert alone (Alertmanager:Heartbeat), which opens no incident.</summary>
    public const string HeartbeatOutcome = "heartbeat";

    public static IEndpointRouteBuilder MapAlertmanagerWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, ReceiveAsync)
            .RequireAuthorization(AccessPolicies.Alertmanager)
            .WithName("ReceiveAlertmanagerWebhook")
            .WithTags("Alertmanager")
            .WithSummary("Receives an Alertmanager webhook (payload version 4, application/json, at most 1 MiB); answers 200 once the alerts are committed.")
            .DocumentsJsonBody<AlertmanagerWebhook>()
            .Produces<WebhookAccepted>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// Every refusal is a 4xx (Alertmanager does not retry those: the request itself is wrong); a failure to
    /// store is left to the exception handler, whose 5xx makes Alertmanager retry. The bearer token was checked before.
    /// </summary>
    public static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        AlertIntakeBatcher intake,
        HeartbeatService heartbeats,
        WebhookMetrics metrics,
        ILogger<AlertmanagerWebhook> logger,
        CancellationToken cancellationToken)
    {
        JsonBody<AlertmanagerWebhook> body = await JsonBody<AlertmanagerWebhook>.ReadAsync(
            request, MaxBodyBytes, AlertmanagerJsonContext.Default.AlertmanagerWebhook, "Alertmanager webhook",
            "The webhook body is over 1 MiB. Set max_alerts in the receiver's webhook_config to send fewer alerts per delivery.", cancellationToken);
        return await TakeAsync(body, "Alertmanager webhook", webhook => AlertmanagerWebhookValidator.Validate(webhook), intake, heartbeats, metrics, logger, cancellationToken);
    }

    /// <summary>
    /// What the Alertmanager and Grafana webhooks share once the body is read: a refusal for a body that could not be read,
    /// is empty or does not validate (<paramref name="what"/> names it), else the alerts committed through the intake, but for
    /// the heartbeat alert, which only proves that the pipeline works (answered "heartbeat" when it was all the delivery held).
    /// </summary>
    public static async Task<IResult> TakeAsync(
        JsonBody<AlertmanagerWebhook> body,
        string what,
        Func<AlertmanagerWebhook, WebhookValidation> validate,
        AlertIntakeBatcher intake,
        HeartbeatService heartbeats,
        WebhookMetrics metrics,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (!body.IsRead)
        {
            return Reject(logger, what, body.Problem, body.Detail);
        }
        if (body.Value is not { } webhook)
        {
            return Reject(logger, what, Problems.BadRequest("Malformed JSON", $"The body is empty: send the {what}."), "empty body");
        }
        WebhookValidation validation = validate(webhook);
        if (!validation.IsValid)
        {
            string problems = string.Join(" ", validation.Problems);
            return Reject(logger, what, Problems.BadRequest($"Invalid {what}", problems), problems);
        }
        if (await heartbeats.SeparateAsync(validation.Group, cancellationToken) is not { } alerts)
        {
            metrics.AlertsReceived(validation.Group);
            return TypedResults.Ok(new WebhookAccepted(null, HeartbeatOutcome));
        }
        AlertIntakeResult result = await intake.ReceiveAsync(alerts, cancellationToken);
        metrics.AlertsReceived(validation.Group);
        return TypedResults.Ok(new WebhookAccepted(result.Incident.ToString(), result.Outcome.ToString().ToLowerInvariant()));
    }

    private static IResult Reject(ILogger logger, string what, IResult problem, string reason)
    {
        LogRejected(logger, what, reason);
        return problem;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "{Webhook} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string webhook, string reason);
}
