using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>What to answer Slack for an interaction: an empty 200, or the errors that keep a modal open.</summary>
public sealed record InteractionAnswer(ViewSubmissionReply? Errors)
{
    /// <summary>An empty 200: Slack closes a submitted modal; a click needs nothing more.</summary>
    public static InteractionAnswer Empty { get; } = new((ViewSubmissionReply?)null);
}

/// <summary>
/// The answer to a <c>view_submission</c> that keeps the modal open and shows <see cref="Errors"/> under the inputs, keyed
/// by block id: <c>{"response_action":"errors","errors":{"title":"…"}}</c>.
/// </summary>
public sealed record ViewSubmissionReply(IReadOnlyDictionary<string, string> Errors)
{
    [JsonPropertyOrder(-1)]
    public string ResponseAction => "errors";
}
