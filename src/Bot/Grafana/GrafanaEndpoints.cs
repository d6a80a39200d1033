using ChatOpsIncidents.Bot.Alertmanager;
using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Bot.Security;
using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Heartbeats;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Grafana;

/// <summary>
/// <c>POST</c> and <c>PUT /webhooks/grafana</c>: Grafana-managed alerts from Grafana's webhook contact point, through the
/// Alertmanager intake (same token, checked before the body is read; same 1 MiB bound), with the signature checked on the
/// raw body when <c>Grafana:SigningSecret</c> is set.
/// </summary>
internal static class GrafanaEndpoints
{
    public const string Route = "/webhooks/grafana";

    public static IEndpointRouteBuilder MapGrafanaWebhook(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Route, [HttpMethods.Post, HttpMethods.Put], ReceiveAsync)
            .RequireAuthorization(AccessPolicies.Alertmanager)
            .WithName("ReceiveGrafanaWebhook")
            .WithTags("Alertmanager")
            .WithSummary("Receives a Grafana webhook contact point delivery (payload version 1, POST or PUT, application/json, at most 1 MiB, "
                + "signed when Grafana:SigningSecret is set); answers 200 once the alerts are committed.")
            .DocumentsJsonBody<AlertmanagerWebhook>()
            .Produces<WebhookAccepted>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        AlertIntakeBatcher intake,
        HeartbeatService heartbeats,
        WebhookMetrics metrics,
        IOptions<GrafanaOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ILogger logger = loggers.CreateLogger(typeof(GrafanaEndpoints).FullName!);
        string? secret = options.Value.SigningSecret;
        JsonBody<AlertmanagerWebhook> body = await JsonBody<AlertmanagerWebhook>.ReadAsync(
            request, AlertmanagerEndpoints.MaxBodyBytes, AlertmanagerJsonContext.Default.AlertmanagerWebhook, "Grafana webhook",
            "The webhook body is over 1 MiB. Set the contact point's max alerts to send fewer alerts per delivery.", cancellationToken,
            string.IsNullOrEmpty(secret)
                ? null
                : raw => GrafanaSignature.Problem(secret, request.Headers[GrafanaSignature.Header], request.Headers[GrafanaSignature.TimestampHeader], raw));
        return await AlertmanagerEndpoints.TakeAsync(
            body, "Grafana webhook", webhook => AlertmanagerWebhookValidator.Validate(GrafanaWebhook.AsAlertmanager(webhook), GrafanaWebhook.Version),
            intake, heartbeats, metrics, logger, cancellationToken);
    }
}
