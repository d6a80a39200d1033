using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// A person named in a command: a mention as Slack escapes it (<c>&lt;@U123|dana&gt;</c> or <c>&lt;@U123&gt;</c>), a bare
/// user id (<c>U123</c>), or <c>me</c>. A plain <c>@dana</c> is not accepted: only Slack knows whose name that is.
/// </summary>
internal static partial class SlackUserMention
{
    public static bool TryParse(string? word, string self, [NotNullWhen(true)] out string? userId)
    {
        userId = null;
        if (word is null)
        {
            return false;
        }
        if (word.Equals("me", StringComparison.OrdinalIgnoreCase))
        {
            userId = self;
        }
        else if (EscapedMention().Match(word) is { Success: true } mention)
        {
            userId = mention.Groups["id"].Value;
        }
        else if (UserId().IsMatch(word))
        {
            userId = word;
        }
        return userId is not null;
    }

    [GeneratedRegex(@"^<@(?<id>[UW][A-Z0-9]{2,})(\|[^>]*)?>$")]
    private static partial Regex EscapedMention();

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex UserId();
}
