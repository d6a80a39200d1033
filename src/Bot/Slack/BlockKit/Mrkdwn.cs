using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>Builds Slack mrkdwn safely: escaping, truncation that keeps markup whole, links, mentions and localized dates.</summary>
internal static partial class Mrkdwn
{
    /// <summary>Longest entity <see cref="Escape"/> writes ("&amp;amp;").</summary>
    private const int LongestEntity = 5;

    /// <summary>
    /// Escapes the three characters Slack treats as control characters (&amp;, &lt;, &gt;) and nothing else, so that
    /// untrusted text shows as written and cannot form links, mentions or <c>&lt;!channel&gt;</c> pings.
    /// </summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>
    /// <see cref="Escape"/>, except that user mentions (<c>&lt;@U123&gt;</c>, <c>&lt;@U123|dana&gt;</c>) stay live as
    /// <c>&lt;@U123&gt;</c>: for text a responder typed in Slack, who could have mentioned that person anyway. Pings of many
    /// (<c>&lt;!channel&gt;</c>, <c>&lt;!subteam^…&gt;</c>), links and channels are escaped as everywhere else.
    /// </summary>
    public static string EscapeKeepingUserMentions(string text)
    {
        var kept = new StringBuilder(text.Length);
        int written = 0;
        foreach (Match mention in TypedUserMention().Matches(text))
        {
            kept.Append(Escape(text[written..mention.Index])).Append(User(mention.Groups["id"].Value));
            written = mention.Index + mention.Length;
        }
        return kept.Append(Escape(text[written..])).ToString();
    }

    /// <summary>
    /// Shortens mrkdwn to at most <paramref name="maxLength"/> characters ending in "…", without cutting through an
    /// entity (<c>&amp;amp;</c>), a <c>&lt;…&gt;</c> link, mention or date, or a surrogate pair.
    /// </summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        int cut = BlockKitText.SafeCut(text, maxLength - BlockKitText.Ellipsis.Length);
        ReadOnlySpan<char> kept = text.AsSpan(0, cut);
        int open = kept.LastIndexOf('<');
        if (open >= 0 && kept.LastIndexOf('>') < open)
        {
            kept = kept[..open];
        }
        int ampersand = kept.LastIndexOf('&');
        if (ampersand >= 0 && kept.Length - ampersand < LongestEntity && !kept[ampersand..].Contains(';'))
        {
            kept = kept[..ampersand];
        }
        return kept.TrimEnd().ToString() + BlockKitText.Ellipsis;
    }

    /// <summary>
    /// <c>&lt;url|text&gt;</c> with the text escaped, for absolute http and https URLs only; anything else gives the escaped
    /// text alone, so an alert cannot smuggle in a <c>javascript:</c> or <c>slack://</c> link.
    /// </summary>
    public static string Link(string? url, string text)
    {
        string label = Escape(text);
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            return label;
        }
        // AbsoluteUri percent-encodes '|', '<', '>' and spaces, which would end the link early; '&' is escaped as anywhere else.
        return $"<{Escape(uri.AbsoluteUri)}|{label}>";
    }

    /// <summary><c>&lt;@U123&gt;</c> for a Slack user id; anything else (a name given through the API) is shown escaped.</summary>
    public static string User(string userId) => IsUserId(userId) ? $"<@{userId}>" : Escape(userId);

    public static bool IsUserId(string text) => UserIdPattern().IsMatch(text);

    /// <summary><c>&lt;#C123&gt;</c> for a Slack channel id; anything else is shown escaped.</summary>
    public static string Channel(string channelId) => ChannelIdPattern().IsMatch(channelId) ? $"<#{channelId}>" : Escape(channelId);

    /// <summary>
    /// A date each reader sees in their own time zone, e.g. "Today at 9:14 AM", falling back to "2026-03-02 09:14 UTC" where
    /// Slack cannot localize it.
    /// </summary>
    public static string Date(DateTimeOffset at) => string.Create(
        CultureInfo.InvariantCulture,
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC>");

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex UserIdPattern();

    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]{2,})(\|[^<>]*)?>")]
    private static partial Regex TypedUserMention();

    [GeneratedRegex("^[CGD][A-Z0-9]{2,}$")]
    private static partial Regex ChannelIdPattern();
}
