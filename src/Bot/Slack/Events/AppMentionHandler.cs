using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Requests;

namespace ChatOpsIncidents.Bot.Slack.Events;

/// <summary>
/// <c>@bot ack</c>, <c>@bot resolve [note]</c> and <c>@bot help</c>: run as <c>/incident</c> runs them (in an incident's channel the
/// key can be left out), the answer told to the person who wrote it, visible to them only.
/// </summary>
internal sealed partial class AppMentionHandler(IServiceProvider services, SlackFollowUp followUp)
{
    public const string Usage = "Mention me with `ack`, `resolve [note]` or `help` in an incident's channel; everything else is `/incident`.";

    public async Task HandleAsync(SlackEvent mention, CancellationToken cancellationToken)
    {
        if (mention is not { User: { } user, Channel: { } channel, BotId: null })
        {
            return;
        }
        string text = LeadingMention().Replace(mention.Text ?? "", "");
        CommandTable table = IncidentCommands.Table;
        bool answers = table.Find(ParsedCommand.Parse(text).Verb) is { } verb
            && (verb == LifecycleCommands.Acknowledge || verb == LifecycleCommands.Resolve || verb == table.Verbs[0]);
        SlackReply? reply = answers
            ? await table.HandleAsync(services, text, new CommandCaller(user, UserName: null, channel), cancellationToken)
            : new SlackReply(Usage);
        if (reply is not null)
        {
            await followUp.TellAsync(new ReplyTarget(user, channel, ResponseUrl: null), reply, cancellationToken);
        }
    }

    /// <summary>The bot's mention the text starts with: <c>&lt;@U0BOT&gt;</c> or <c>&lt;@U0BOT|name&gt;</c>.</summary>
    [GeneratedRegex(@"^\s*<@[A-Z0-9]+(\|[^>]*)?>\s*")]
    private static partial Regex LeadingMention();
}
