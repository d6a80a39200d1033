using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>
/// A text object. Properties that hold one are declared as this type, never as a subtype, so that its "type" is always written.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PlainText), "plain_text")]
[JsonDerivedType(typeof(MrkdwnText), "mrkdwn")]
public abstract record TextObject
{
    public abstract string Text { get; }

    /// <summary>The same text object with its text shortened to <paramref name="maxLength"/>.</summary>
    internal abstract TextObject Truncated(int maxLength);
}
