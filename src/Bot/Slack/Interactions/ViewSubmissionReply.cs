using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// The answer to a <c>view_submission</c> that keeps the modal open and shows <see cref="Errors"/> under the inputs, keyed
/// by block id: <c>{"response_action":"errors","errors":{"title":"…"}}</c>.
/// </summary>
public sealed record ViewSubmissionReply(IReadOnlyDictionary<string, string> Errors)
{
    [JsonPropertyOrder(-1)]
    public string ResponseAction => "errors";
}
