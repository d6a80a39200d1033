using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>
/// Text in Slack's mrkdwn. Whoever builds it escapes untrusted parts with <see cref="Mrkdwn.Escape"/>.
/// </summary>
/// <param name="Verbatim">
/// True keeps Slack from turning bare URLs, channel names and mentions into links while still honouring explicit
/// <c>&lt;…&gt;</c> links, mentions and dates; right for text that carries alert or user content.
/// </param>
public sealed record MrkdwnText(string Text, [property: JsonPropertyOrder(1)] bool? Verbatim = null) : TextObject
{
    public override string Text { get; } = Mrkdwn.Truncate(Text, BlockKitLimits.TextObject);

    internal override TextObject Truncated(int maxLength) => new MrkdwnText(Mrkdwn.Truncate(Text, maxLength), Verbatim);
}
