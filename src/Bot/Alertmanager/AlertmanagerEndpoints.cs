using System.Text.Json;
using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Bot.Security;
using ChatOpsIncidents.Core.Alerts;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Alertmanager;

internal static partial class AlertmanagerEndpoints
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const string Route = "/webhooks/alertmanager";

    public static IEndpointRouteBuilder MapAlertmanagerWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, ReceiveAsync)
            .WithName("ReceiveAlertmanagerWebhook")
            .WithTags("Alertmanager")
            .WithSummary("Receives an Alertmanager webhook (payload version 4, application/json); answers 200 once the alerts are committed.")
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
    /// store is left to the exception handler, whose 5xx makes Alertmanager retry.
    /// </summary>
    public static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        AlertIntakeBatcher intake,
        WebhookMetrics metrics,
        IOptions<AlertmanagerOptions> options,
        ILogger<AlertmanagerWebhook> logger,
        CancellationToken cancellationToken)
    {
        if (options.Value.BearerToken is { Length: > 0 } token && !BearerToken.IsPresented(request, token))
        {
            LogRejected(logger, "missing or wrong bearer token");
            return BearerToken.Challenge("This webhook needs the header \"Authorization: Bearer <token>\" with the token set in Alertmanager:BearerToken.");
        }
        if (!request.HasJsonContentType())
        {
            return Reject(logger, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send the webhook as application/json; the request said \"{request.ContentType}\".");
        }
        byte[]? body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Reject(logger, StatusCodes.Status413PayloadTooLarge, "Payload too large",
                "The webhook body is over 1 MiB. Set max_alerts in the receiver's webhook_config to send fewer alerts per delivery.");
        }
        AlertmanagerWebhook? webhook;
        try
        {
            webhook = JsonSerializer.Deserialize(body, AlertmanagerJsonContext.Default.AlertmanagerWebhook);
        }
        catch (JsonException exception)
        {
            return Reject(logger, StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not a valid Alertmanager webhook: {exception.Message}");
        }
        if (webhook is null)
        {
            return Reject(logger, StatusCodes.Status400BadRequest, "Malformed JSON", "The body is JSON null; expected an Alertmanager webhook object.");
        }
        WebhookValidation validation = AlertmanagerWebhookValidator.Validate(webhook);
        if (!validation.IsValid)
        {
            return Reject(logger, StatusCodes.Status400BadRequest, "Invalid Alertmanager webhook", string.Join(" ", validation.Problems));
        }
        AlertIntakeResult result = await intake.ReceiveAsync(validation.Group, cancellationToken);
        metrics.AlertsReceived(validation.Group);
        return TypedResults.Ok(new WebhookAccepted(result.Incident.ToString(), result.Outcome.ToString().ToLowerInvariant()));
    }

    private static IResult Reject(ILogger logger, int status, string title, string detail)
    {
        LogRejected(logger, detail);
        return Problems.Create(status, title, detail);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Rejected an Alertmanager webhook: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
