using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// Turns command text as Slack escapes it into the plain text Core stores (titles, notes): <c>&lt;@U123|dana&gt;</c> becomes
/// "@dana", <c>&lt;#C1|ops&gt;</c> "#ops", <c>&lt;https://x|docs&gt;</c> "docs (https://x)", <c>&lt;!here&gt;</c> "@here", and
/// <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c> the characters they stand for. Whoever shows it in Slack escapes it again.
/// </summary>
internal static partial class SlackCommandText
{
    public static string ToPlainText(string text) => ToText(text, keepUserMentions: false);

    /// <summary>
    /// <see cref="ToPlainText"/>, but a user mention stays a mention (<c>&lt;@U123&gt;</c>, its label dropped): a note a responder
    /// typed keeps the people it names live when the bot posts it (<see cref="Mrkdwn.EscapeKeepingUserMentions"/>).
    /// </summary>
    public static string ToNoteText(string text) => ToText(text, keepUserMentions: true);

    private static string ToText(string text, bool keepUserMentions)
    {
        string plain = Entity().Replace(text, match => Describe(match.Groups["inner"].Value, keepUserMentions));
        return plain.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&").Trim();
    }

    /// <summary>Something the person typed, shown back short and harmless.</summary>
    public static string Quote(string typed) => Mrkdwn.Escape(BlockKitText.Ellipsize(ToPlainText(typed), 40));

    private static string Describe(string inner, bool keepUserMentions)
    {
        int bar = inner.IndexOf('|', StringComparison.Ordinal);
        string target = bar < 0 ? inner : inner[..bar];
        string? label = bar < 0 ? null : inner[(bar + 1)..];
        return target switch
        {
            ['@', ..] when keepUserMentions && Mrkdwn.IsUserId(target[1..]) => $"<{target}>",
            ['@', ..] => "@" + (label ?? target[1..]),
            ['#', ..] => "#" + (label ?? target[1..]),
            ['!', ..] when label is not null => label,
            ['!', ..] => "@" + target[1..].Split('^')[0],
            _ when label is null || target.EndsWith(label, StringComparison.Ordinal) => label ?? target,
            _ => $"{label} ({target})",
        };
    }

    [GeneratedRegex("<(?<inner>[^<>]+)>")]
    private static partial Regex Entity();
}
