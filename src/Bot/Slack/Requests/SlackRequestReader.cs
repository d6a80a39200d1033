using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Core.Requests;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// The gate every request to <c>/slack/*</c> passes before anything else happens: Slack must be on, the signature headers
/// fresh (checked before the body is read), the raw body within the limit, and the signature valid over exactly those bytes. Only then is the form parsed, from the same bytes. A request
/// seen before (the same signature, so the same timestamp and body) is answered 200 without being acted on again, on any
/// replica; one from another workspace or app than <c>Slack:TeamId</c> / <c>Slack:AppId</c> is refused. <c>replayRecord</c>
/// says how a request's record is kept (<see cref="ReplayRecord"/>; durably before it is handled unless it says otherwise).
/// </summary>
internal sealed partial class SlackRequestReader(
    SlackRequestVerifier verifier, HandledRequests handled, IOptions<SlackOptions> options, ILogger<SlackRequestReader> logger)
{
    public const string SlackOffMessage =
        "Slack over HTTP is off on this bot: set Slack:BotToken and Slack:SigningSecret to receive Slack commands and interactions here.";

    public async Task<SlackRequestRead> ReadAsync(
        HttpRequest request, int maxBytes, Func<SlackForm, ReplayRecord>? replayRecord, CancellationToken cancellationToken)
    {
        SlackOptions slack = options.Value;
        if (!slack.HttpEnabled)
        {
            return SlackRequestRead.Refused(Problems.NotFound(SlackOffMessage));
        }
        string timestamp = request.Headers[SlackRequestVerifier.TimestampHeader].ToString();
        string signature = request.Headers[SlackRequestVerifier.SignatureHeader].ToString();
        if (!verifier.CanBeAuthentic(timestamp, signature))
        {
            return SlackRequestRead.Refused(TypedResults.Unauthorized()); // no detail: the caller is not Slack
        }
        byte[]? body = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return SlackRequestRead.Refused(Problems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"Requests to this Slack endpoint are at most {maxBytes / 1024} KiB."));
        }
        if (!verifier.IsAuthentic(timestamp, signature, body))
        {
            return SlackRequestRead.Refused(TypedResults.Unauthorized());
        }
        var form = SlackForm.Parse(body);
        if (RefusalFor(form["team_id"], form["api_app_id"]) is { } refusal)
        {
            return SlackRequestRead.Refused(refusal);
        }
        ReplayRecord record = replayRecord?.Invoke(form) ?? ReplayRecord.Durable;
        if (record == ReplayRecord.InTheHandlersWrite)
        {
            return SlackRequestRead.Accepted(body, form) with { ReplayKey = signature };
        }
        bool firstTime = record == ReplayRecord.WithoutWaitingForTheDisk
            ? await handled.FirstTimeReadingAsync(signature, SlackRequestVerifier.SignedAt(timestamp), cancellationToken)
            : await handled.FirstTimeAsync(signature, cancellationToken);
        if (!firstTime)
        {
            LogReplayed(logger);
            return SlackRequestRead.Refused(TypedResults.Ok()); // answered, as Slack expects, but not acted on twice
        }
        return SlackRequestRead.Accepted(body, form);
    }

    /// <summary>The 403 for a request from another workspace or app than the settings name; null when it may go on.</summary>
    public IResult? RefusalFor(string? teamId, string? appId)
    {
        SlackOptions slack = options.Value;
        bool otherTeam = !string.IsNullOrEmpty(slack.TeamId) && teamId is not null && teamId != slack.TeamId;
        bool otherApp = !string.IsNullOrEmpty(slack.AppId) && appId is not null && appId != slack.AppId;
        if (!otherTeam && !otherApp)
        {
            return null;
        }
        LogOtherWorkspace(logger, teamId, appId);
        return Problems.Create(StatusCodes.Status403Forbidden, "Another workspace or app",
            "This bot serves one Slack workspace and app (Slack:TeamId, Slack:AppId); the request came from another.");
    }

    [LoggerMessage(EventId = 2246, Level = LogLevel.Warning, Message = "Ignored a replayed Slack request (its signature was seen before); answered without acting")]
    private static partial void LogReplayed(ILogger logger);

    [LoggerMessage(EventId = 2247, Level = LogLevel.Warning, Message = "Refused a signed Slack request from workspace {Team}, app {App}: not the ones configured")]
    private static partial void LogOtherWorkspace(ILogger logger, string? team, string? app);
}
