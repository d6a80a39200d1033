using ChatOpsIncidents.Bot.Http;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// The gate every request to <c>/slack/*</c> passes before anything else happens: Slack must be on, the raw body within the
/// limit, and the signature valid over exactly those bytes. Only then is the form parsed, from the same bytes.
/// </summary>
internal sealed class SlackRequestReader(SlackRequestVerifier verifier, IOptions<SlackOptions> options)
{
    public const string SlackOffMessage =
        "Slack is off on this bot: set Slack:BotToken and Slack:SigningSecret to receive Slack commands and interactions.";

    public async Task<SlackRequestRead> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        SlackOptions slack = options.Value;
        if (!slack.Enabled || string.IsNullOrWhiteSpace(slack.SigningSecret))
        {
            return SlackRequestRead.Refused(Problems.NotFound(SlackOffMessage));
        }
        byte[]? body = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return SlackRequestRead.Refused(Problems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"Requests to this Slack endpoint are at most {maxBytes / 1024} KiB."));
        }
        if (!verifier.IsAuthentic(request.Headers[SlackRequestVerifier.TimestampHeader], request.Headers[SlackRequestVerifier.SignatureHeader], body))
        {
            return SlackRequestRead.Refused(TypedResults.Unauthorized()); // no detail: the caller is not Slack
        }
        return SlackRequestRead.Accepted(SlackForm.Parse(body));
    }
}
