using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Postmortems;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// The <c>/incident</c> verbs of the postmortem: follow-ups for it, its draft, and marking it done with a link to the finished
/// document.
/// </summary>
internal sealed partial class PostmortemCommands(IncidentService incidents, PostmortemDrafts drafts, IFollowUpTracker tracker)
{
    public static readonly CommandVerb FollowUp = CommandVerb.For<PostmortemCommands>(
        "followup", "followup KEY \"text\" [@owner]", "records an action item for the postmortem", IncidentArgument.KeyThenText,
        (commands, request, cancellationToken) => commands.AddFollowUpAsync(request, cancellationToken))
        .AlsoCalled("follow-up").ChangingTheIncident();

    public static readonly CommandVerb Postmortem = CommandVerb.For<PostmortemCommands>(
        "postmortem", "postmortem KEY [done <link>]",
        "shows the postmortem draft; with `done <link>` it marks the postmortem done and stops the reminders", IncidentArgument.Key,
        (commands, request, cancellationToken) => commands.PostmortemAsync(request, cancellationToken))
        .AlsoCalled("pm").ChangingTheIncident();

    private static readonly char[] s_quotes = ['"', '“', '”'];

    private async Task<SlackReply?> AddFollowUpAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (!TryReadFollowUp(request.Arguments.Rest, request.Caller.UserId, out string text, out string? owner))
        {
            return new SlackReply($"What is the follow-up? Usage: {request.Usage}");
        }
        IncidentCommandResult result = await incidents.AddFollowUpAsync(request.Incident, text, owner, request.Caller.Actor, cancellationToken);
        string issue = tracker.Name is { } where ? $" Its issue is being created in {Mrkdwn.Escape(where)}." : "";
        return IncidentReplies.Outcome(result, i => owner is null
            ? $"📌 Added the follow-up to *{i.Key}*; it is listed in the postmortem draft.{issue}"
            : $"📌 Added the follow-up to *{i.Key}* for {Mrkdwn.User(owner)}; it is listed in the postmortem draft.{issue}");
    }

    private async Task<SlackReply?> PostmortemAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        string? word = request.Arguments.Next();
        if (word is null)
        {
            return await ShowAsync(request.Incident, cancellationToken);
        }
        if (!word.Equals("done", StringComparison.OrdinalIgnoreCase))
        {
            return new SlackReply($"“{SlackCommandText.Quote(word)}” is not something a postmortem can be. Usage: {request.Usage}");
        }
        if (ReadLink(request.Arguments.Next()) is not { } link)
        {
            return new SlackReply($"Where is the finished postmortem? Give its link. Usage: {request.Usage}");
        }
        IncidentCommandResult result = await incidents.CompletePostmortemAsync(request.Incident, link, request.Caller.Actor, cancellationToken);
        return IncidentReplies.Outcome(result, i => $"📘 The postmortem of *{i.Key}* is done; its reminders stop.");
    }

    private async Task<SlackReply> ShowAsync(IncidentKey key, CancellationToken cancellationToken)
    {
        if (await drafts.RenderAsync(key, cancellationToken) is not { } draft)
        {
            return new SlackReply(IncidentReplies.NotFound(IncidentError.NotFound(key)));
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
