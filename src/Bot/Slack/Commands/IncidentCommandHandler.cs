using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Interactions;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// <c>/incident</c> and its subcommands (<see cref="IncidentCommandHelp.Text"/>). Every change goes through
/// <see cref="IncidentService"/> as the Slack user who typed it, so the timeline says who did what; every refusal and
/// every mistake in the command is an ephemeral message that says what to type instead. Nothing here waits for Slack.
/// </summary>
internal sealed partial class IncidentCommandHandler(
    IncidentService incidents,
    IncidentQueries queries,
    SlackBackgroundWork background,
    PostmortemCommands postmortems,
    OnCallCommand onCall,
    ILogger<IncidentCommandHandler> logger,
    IIncidentChannelDirectory? channels = null)
{
    public async Task<SlackReply?> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        var arguments = new CommandArguments(command.Text);
        string subcommand = arguments.Next()?.ToLowerInvariant() ?? "help";
        Actor actor = Actor.SlackUser(command.UserId, command.UserName);
        return subcommand switch
        {
            "help" => Reply(IncidentCommandHelp.Text),
            "list" => await ListAsync(command, arguments, cancellationToken),
            "show" => await ShowAsync(command, arguments, cancellationToken),
            "ack" or "acknowledge" => await AcknowledgeAsync(command, arguments, actor, cancellationToken),
            "assign" => await AssignAsync(command, arguments, actor, cancellationToken),
            "commander" => await SetCommanderAsync(command, arguments, actor, cancellationToken),
            "severity" or "sev" => await ChangeSeverityAsync(command, arguments, actor, cancellationToken),
            "note" => await AddNoteAsync(command, arguments, actor, cancellationToken),
            "resolve" => await ResolveAsync(command, arguments, actor, cancellationToken),
            "new" or "declare" => await DeclareAsync(command, arguments, actor, cancellationToken),
            "oncall" or "on-call" => Reply(onCall.Show(arguments.Next())),
            "followup" or "follow-up" => await WithIncidentAsync(command, arguments, IncidentCommandHelp.FollowUp, needsMore: true, textFirst: true,
                key => postmortems.AddFollowUpAsync(key, command, arguments, actor, cancellationToken), cancellationToken),
            "postmortem" or "pm" => await WithIncidentAsync(command, arguments, IncidentCommandHelp.Postmortem, needsMore: false, textFirst: false,
                key => postmortems.HandleAsync(key, arguments, actor, cancellationToken), cancellationToken),
            _ => Reply($"I don't know `/incident {Quote(subcommand)}`. Try one of: {IncidentCommandHelp.Subcommands}, or `/incident help`."),
        };
    }

    private async Task<SlackReply> ListAsync(SlashCommand command, CommandArguments arguments, CancellationToken cancellationToken)
    {
        switch (arguments.Next()?.ToLowerInvariant())
        {
            case null or "open":
                IncidentPage open = await queries.ListOpenAsync(null, IncidentCommandViews.ListedIncidents, cancellationToken);
                return Reply(IncidentCommandViews.List("Open incidents", open.Items, open.Total, "No open incidents. 🎉"));
            case "mine":
                IncidentPage mine = await queries.ListOpenAsync(command.UserId, IncidentCommandViews.ListedIncidents, cancellationToken);
                return Reply(IncidentCommandViews.List("Open incidents you command or are assigned to", mine.Items, mine.Total,
                    "None of the open incidents is assigned to you or commanded by you."));
            case "all":
                IncidentPage latest = await queries.ListAsync(new IncidentFilter(PageSize: IncidentCommandViews.ListedIncidents), cancellationToken);
                return Reply(IncidentCommandViews.List("Latest incidents", latest.Items, latest.Total, "There are no incidents yet."));
            case { } other:
                return Reply($"“{Quote(other)}” is not a list. Usage: {IncidentCommandHelp.List}");
        }
    }

    private async Task<SlackReply> ShowAsync(SlashCommand command, CommandArguments arguments, CancellationToken cancellationToken)
    {
        IncidentLookup lookup = await FindIncidentAsync(command, arguments, IncidentCommandHelp.Show, needsMore: false, textFirst: false, cancellationToken);
        if (lookup.Refusal is { } refusal)
        {
            return refusal;
        }
        return await queries.FindAsync(lookup.Key, cancellationToken) is { } incident
            ? Reply(IncidentCommandViews.Show(incident))
            : Reply(NotFound(IncidentError.NotFound(lookup.Key)));
    }

    private async Task<SlackReply> AcknowledgeAsync(SlashCommand command, CommandArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        IncidentLookup lookup = await FindIncidentAsync(command, arguments, IncidentCommandHelp.Ack, needsMore: false, textFirst: false, cancellationToken);
        return lookup.Refusal
            ?? Outcome(await incidents.AcknowledgeAsync(lookup.Key, actor, cancellationToken), i => $"👀 Acknowledged *{i.Key}*: {Title(i)}");
    }

    private async Task<SlackReply> ResolveAsync(SlashCommand command, CommandArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        IncidentLookup lookup = await FindIncidentAsync(command, arguments, IncidentCommandHelp.Resolve, needsMore: false, textFirst: false, cancellationToken);
        if (lookup.Refusal is { } refusal)
        {
            return refusal;
        }
        string note = SlackCommandText.ToPlainText(arguments.Rest);
        IncidentCommandResult result = await incidents.ResolveAsync(lookup.Key, actor, note.Length == 0 ? null : note, cancellationToken);
        return Outcome(result, i => $"✅ Resolved *{i.Key}*: {Title(i)}");
    }

    private async Task<SlackReply> AssignAsync(SlashCommand command, CommandArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        IncidentLookup lookup = await FindIncidentAsync(command, arguments, IncidentCommandHelp.Assign, needsMore: true, textFirst: false, cancellationToken);
        if (lookup.Refusal is { } refusal)
        {
            return refusal;
        }
        if (ReadUser(command, arguments, IncidentCommandHelp.Assign, out string? user) is { } mistake)
        {
            return mistake;
        }
        return Outcome(await incidents.AssignAsync(lookup.Key, user, actor, cancellationToken), i => $"Assigned *{i.Key}* to {Mrkdwn.User(user)}.");
    }

    private async Task<SlackReply> SetCommanderAsync(SlashCommand command, CommandArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        IncidentLookup lookup = await FindIncidentAsync(command, arguments, IncidentCommandHelp.Commander, needsMore: true, textFirst: false, cancellationToken);
        if (lookup.Refusal is { } refusal)
        {
            return refusal;
        }
        if (ReadUser(command, arguments, IncidentCommandHelp.Commander, out string? user) is { } mistake)
        {
            return mistake;
        }
        return Outcome(await incidents.SetCommanderAsync(lookup.Key, user, actor, cancellationToken),
            i => $"{Mrkdwn.User(user)} is now the commander of *{i.Key}*.");
    }

    private async Task<SlackReply> ChangeSeverityAsync(SlashCommand command, CommandArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        IncidentLookup lookup = await FindIncidentAsync(command, arguments, IncidentCommandHelp.Severity, needsMore: true, textFirst: false, cancellationToken);
        if (lookup.Refusal is { } refusal)
        {
            return refusal;
        }
        string? text = arguments.Next();
        if (text is null)
        {
            return Reply($"Which severity? Usage: {IncidentCommandHelp.Severity}");
        }
        if (!SeverityText.TryParse(text, out Severity severity))
        {
            return Reply($"{NotASeverity(text)} Usage: {IncidentCommandHelp.Severity}");
        }
        return Outcome(await incidents.ChangeSeverityAsync(lookup.Key, severity, actor, cancellationToken), i => $"*{i.Key}* is now {severity.ToDisplay()}.");
    }

    private async Task<SlackReply> AddNoteAsync(SlashCommand command, CommandArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        IncidentLookup lookup = await FindIncidentAsync(command, arguments, IncidentCommandHelp.Note, needsMore: true, textFirst: true, cancellationToken);
        if (lookup.Refusal is { } refusal)
        {
            return refusal;
        }
        string note = SlackCommandText.ToPlainText(arguments.Rest);
        if (note.Length == 0)
        {
            return Reply($"What should the note say? Usage: {IncidentCommandHelp.Note}");
        }
        return Outcome(await incidents.AddNoteAsync(lookup.Key, note, actor, cancellationToken), i => $"Added your note to the timeline of *{i.Key}*.");
    }

    private async Task<SlackReply?> DeclareAsync(SlashCommand command, CommandArguments arguments, Actor actor, CancellationToken cancellationToken)
    {
        Severity severity = Severity.Sev3;
        if (arguments.Peek() is { } first && first.StartsWith("sev", StringComparison.OrdinalIgnoreCase))
        {
            if (!SeverityText.TryParse(first, out severity))
            {
                return Reply($"{NotASeverity(first)} Usage: {IncidentCommandHelp.New}");
            }
            arguments.Next();
        }
        string title = SlackCommandText.ToPlainText(arguments.Rest);
        if (title.Length == 0)
        {
            if (command.TriggerId is not { } triggerId)
            {
                return Reply($"What is the incident about? Usage: {IncidentCommandHelp.New}");
            }
            var target = new ReplyTarget(command.UserId, command.ChannelId, command.ResponseUrl);
            background.Start("opening the declare-incident form", (services, token) =>
                services.GetRequiredService<DeclareIncidentModalOpener>().OpenAsync(triggerId, severity, target, token));
            return null; // an empty answer shows nothing; the form opens
        }
        IncidentCommandResult result = await incidents.DeclareAsync(new DeclaredIncident(title, severity), actor, cancellationToken);
        if (result.Succeeded)
        {
            LogDeclared(logger, result.Incident.Key, command.UserId);
        }
        return Outcome(result, i => $"Declared *{i.Key}* ({i.Severity.ToDisplay()}): {Title(i)}. Take command with `/incident commander {i.Key} me`.");
    }

    private async Task<SlackReply> WithIncidentAsync(
        SlashCommand command, CommandArguments arguments, string usage, bool needsMore, bool textFirst, Func<IncidentKey, Task<SlackReply>> then, CancellationToken cancellationToken)
    {
        IncidentLookup lookup = await FindIncidentAsync(command, arguments, usage, needsMore, textFirst, cancellationToken);
        return lookup.Refusal ?? await then(lookup.Key);
    }

    /// <summary>
    /// The incident named by the next word (<c>INC-42</c> or <c>42</c>), or else the incident whose channel this is. A bare
    /// number is not a key when it is the only word left and the subcommand needs one more (<paramref name="needsMore"/>:
    /// <c>severity 2</c>), nor, with <paramref name="textFirst"/>, in an incident's channel (<c>note 42 pods restarted</c>).
    /// </summary>
    private async Task<IncidentLookup> FindIncidentAsync(
        SlashCommand command, CommandArguments arguments, string usage, bool needsMore, bool textFirst, CancellationToken cancellationToken)
    {
        string? word = arguments.Peek();
        bool prefixed = word is not null && word.StartsWith("inc-", StringComparison.OrdinalIgnoreCase);
        bool parsed = IncidentKey.TryParse(word, out IncidentKey key);
        if (prefixed && !parsed)
        {
            return IncidentLookup.Refused($"“{Quote(word!)}” is not an incident key. Usage: {usage}. {IncidentCommandHelp.KeyHint}");
        }
        bool isKey = prefixed || (parsed && (!needsMore || arguments.HasSeveral));
        if (isKey && !(textFirst && !prefixed))
        {
            arguments.Next();
            return IncidentLookup.Found(key);
        }
        if (channels is not null && command.ChannelId is { } channel && await channels.FindByChannelAsync(channel, cancellationToken) is { } fromChannel)
        {
            return IncidentLookup.Found(fromChannel);
        }
        if (isKey)
        {
            arguments.Next();
            return IncidentLookup.Found(key);
        }
        return IncidentLookup.Refused($"Which incident? Usage: {usage}. {IncidentCommandHelp.KeyHint}");
    }

    /// <summary>Reads a person; returns the reply that explains the mistake, or null with <paramref name="user"/> set.</summary>
    private static SlackReply? ReadUser(SlashCommand command, CommandArguments arguments, string usage, out string user)
    {
        user = "";
        string? word = arguments.Next();
        if (word is null)
        {
            return Reply($"Who? Usage: {usage}");
        }
        if (!SlackUserMention.TryParse(word, command.UserId, out string? userId))
        {
            return Reply($"I don't know who “{Quote(word)}” is: mention them with @ so Slack fills in who they are, or say `me`. Usage: {usage}");
        }
        user = userId;
        return null;
    }

    internal static SlackReply Outcome(IncidentCommandResult result, Func<Incident, string> success) => result.Succeeded
        ? Reply(success(result.Incident))
        : Reply(result.Error.Kind == IncidentErrorKind.NotFound ? NotFound(result.Error) : Mrkdwn.Escape(result.Error.Message));

    private static string NotFound(IncidentError error) => $"{Mrkdwn.Escape(error.Message)} `/incident list` shows the open ones.";

    private static string NotASeverity(string text) => $"“{Quote(text)}” is not a severity: use SEV1, SEV2, SEV3 or SEV4.";

    private static string Title(Incident incident) => Mrkdwn.Escape(incident.Title);

    /// <summary>Something the person typed, shown back short and harmless.</summary>
    internal static string Quote(string typed) => Mrkdwn.Escape(BlockKitText.Ellipsize(SlackCommandText.ToPlainText(typed), 40));

    private static SlackReply Reply(string text) => new(text);

    [LoggerMessage(EventId = 2231, Level = LogLevel.Information, Message = "Slack user {User} declared {Incident}")]
    private static partial void LogDeclared(ILogger logger, IncidentKey incident, string user);
}
