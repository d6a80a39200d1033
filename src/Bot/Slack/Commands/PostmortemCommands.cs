using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Postmortems;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// <c>/incident followup KEY "text" [@owner]</c>, <c>/incident postmortem KEY</c> (shows the draft) and
/// <c>/incident postmortem KEY done &lt;link&gt;</c>, once <see cref="IncidentCommandHandler"/> found the incident.
/// </summary>
internal sealed partial class PostmortemCommands(IncidentService incidents, PostmortemDrafts drafts)
{
    private static readonly char[] s_quotes = ['"', '“', '”'];

    public async Task<SlackReply> AddFollowUpAsync(IncidentKey key, SlashCommand command, CommandArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        if (!TryReadFollowUp(arguments.Rest, command.UserId, out string text, out string? owner))
        {
            return new SlackReply($"What is the follow-up? Usage: {IncidentCommandHelp.FollowUp}");
        }
        IncidentCommandResult result = await incidents.AddFollowUpAsync(key, text, owner, actor, cancellationToken);
        return IncidentCommandHandler.Outcome(result, i => owner is null
            ? $"📌 Added the follow-up to *{i.Key}*; it is listed in the postmortem draft."
            : $"📌 Added the follow-up to *{i.Key}* for {Mrkdwn.User(owner)}; it is listed in the postmortem draft.");
    }

    public async Task<SlackReply> HandleAsync(IncidentKey key, CommandArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        string? word = arguments.Next();
        if (word is null)
        {
            return await ShowAsync(key, cancellationToken);
        }
        if (!word.Equals("done", StringComparison.OrdinalIgnoreCase))
        {
            return new SlackReply($"“{IncidentCommandHandler.Quote(word)}” is not something a postmortem can be. Usage: {IncidentCommandHelp.Postmortem}");
        }
        if (ReadLink(arguments.Next()) is not { } link)
        {
            return new SlackReply($"Where is the finished postmortem? Give its link. Usage: {IncidentCommandHelp.Postmortem}");
        }
        IncidentCommandResult result = await incidents.CompletePostmortemAsync(key, link, actor, cancellationToken);
        return IncidentCommandHandler.Outcome(result, i => $"📘 The postmortem of *{i.Key}* is done; its reminders stop.");
    }

    private async Task<SlackReply> ShowAsync(IncidentKey key, CancellationToken cancellationToken)
    {
        if (await drafts.RenderAsync(key, cancellationToken) is not { } draft)
        {
            return new SlackReply($"{Mrkdwn.Escape(IncidentError.NotFound(key).Message)} `/incident list` shows the open ones.");
        }
        string footer = $"\nThe whole draft: `GET /api/incidents/{key}/postmortem`.";
        string body = Mrkdwn.Truncate(Mrkdwn.Escape(draft), BlockKitLimits.MessageText - footer.Length - 10);
        return new SlackReply($"```{body}```{footer}");
    }

    /// <summary>A quoted text and an optional owner after it; or, unquoted, everything, with a trailing mention as the owner.</summary>
    private static bool TryReadFollowUp(string rest, string self, out string text, out string? owner)
    {
        owner = null;
        string remainder;
        if (rest.Length > 0 && s_quotes.Contains(rest[0]) && rest.IndexOfAny(s_quotes, 1) is > 0 and int close)
        {
            text = rest[1..close];
            remainder = rest[(close + 1)..].Trim();
        }
        else
        {
            int lastSpace = rest.LastIndexOf(' ');
            string last = lastSpace < 0 ? "" : rest[(lastSpace + 1)..];
            bool ownerLast = last.StartsWith("<@", StringComparison.Ordinal);
            text = ownerLast ? rest[..lastSpace] : rest;
            remainder = ownerLast ? last : "";
        }
        text = SlackCommandText.ToPlainText(text);
        if (remainder.Length > 0)
        {
            if (!SlackUserMention.TryParse(remainder, self, out owner))
            {
                return false;
            }
        }
        return text.Length > 0;
    }

    /// <summary>A link as Slack escapes it (<c>&lt;https://x|x&gt;</c>) or as typed; only http and https.</summary>
    private static string? ReadLink(string? word)
    {
        if (word is null)
        {
            return null;
        }
        string url = EscapedLink().Match(word) is { Success: true } match ? match.Groups["url"].Value : word;
        return Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" ? uri.ToString() : null;
    }

    [GeneratedRegex(@"^<(?<url>[^|>]+)(\|[^>]*)?>$")]
    private static partial Regex EscapedLink();
}
