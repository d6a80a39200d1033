using System.Text.Json.Serialization;
using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// A message for the person who ran a command or pressed a button, as the immediate answer to Slack or posted to a
/// <c>response_url</c>: <c>{"response_type":"ephemeral","text":…}</c>. <see cref="Text"/> is mrkdwn; escape what people typed.
/// </summary>
public sealed record SlackReply(string Text)
{
    /// <summary>Cut to <see cref="BlockKitLimits.MessageText"/>, keeping markup whole.</summary>
    public string Text { get; } = Mrkdwn.Truncate(Text, BlockKitLimits.MessageText);

    public const string Ephemeral = "ephemeral";

    /// <summary>Always "ephemeral": only the person who asked sees the answer.</summary>
    [JsonPropertyOrder(-1)]
    public string ResponseType { get; init; } = Ephemeral;

    /// <summary>A layout (buttons to confirm a runbook run); <see cref="Text"/> is then the notification fallback.</summary>
    public IReadOnlyList<Block>? Blocks { get; init; }

    /// <summary>Only for <c>response_url</c>: false keeps the message the interaction came from (the incident card) as it is.</summary>
    public bool? ReplaceOriginal { get; init; }
}
