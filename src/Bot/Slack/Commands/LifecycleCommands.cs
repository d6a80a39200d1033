using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Interactions;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using static ChatOpsIncidents.Bot.Slack.Commands.IncidentReplies;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// The <c>/incident</c> verbs that carry an incident through its life: declare it, acknowledge it, change its severity, note
/// what happens, resolve it. Each change goes through <see cref="IncidentService"/> as the person who typed it.
/// </summary>
internal sealed partial class LifecycleCommands(
    IncidentService incidents, IncidentQueries queries, SlackBackgroundWork background, ILogger<LifecycleCommands> logger)
{
    public static readonly CommandVerb Acknowledge = CommandVerb.For<LifecycleCommands>(
        "ack", "ack KEY", "acknowledges", IncidentArgument.Key,
        (commands, request, cancellationToken) => commands.AcknowledgeAsync(request, cancellationToken))
        .AlsoCalled("acknowledge").ChangingTheIncident().RecordingItsRequest();

    public static readonly CommandVerb ChangeSeverity = CommandVerb.For<LifecycleCommands>(
        "severity", "severity KEY SEV1-4", "changes the severity", IncidentArgument.KeyThenWord,
        (commands, request, cancellationToken) => commands.ChangeSeverityAsync(request, cancellationToken))
        .AlsoCalled("sev").ChangingTheIncident();

    public static readonly CommandVerb AddNote = CommandVerb.For<LifecycleCommands>(
        "note", "note KEY text", "adds a note to the timeline", IncidentArgument.KeyThenText,
        (commands, request, cancellationToken) => commands.AddNoteAsync(request, cancellationToken))
        .ChangingTheIncident();

    public static readonly CommandVerb Resolve = CommandVerb.For<LifecycleCommands>(
        "resolve", "resolve KEY [--noise] [note]",
        "resolves, with an optional note; `--noise` marks it not actionable (also once resolved), the note saying why; asks first while alerts still fire",
        IncidentArgument.Key,
        (commands, request, cancellationToken) => commands.ResolveAsync(request, cancellationToken))
        .ChangingTheIncident();

    public static readonly CommandVerb Declare = CommandVerb.For<LifecycleCommands>(
        "new", "new [SEV1-4] [title]",
        "declares an incident: `/incident new [SEV1-4] title` at once, SEV3 unless you say otherwise (`/incident new sev1 Checkout is down`, `P1` works too); without a title it opens a form",
        IncidentArgument.None,
        (commands, request, cancellationToken) => commands.DeclareAsync(request, cancellationToken))
        .AlsoCalled("declare");

    /// <summary>
    /// Acknowledges the incident and every further key typed after it (<c>ack INC-4 INC-7</c>) in one commit, which records the
    /// request too; other words are said to be ignored. A replay of the request is answered with nothing, and acts on nothing.
    /// </summary>
    private async Task<SlackReply?> AcknowledgeAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        List<(string Word, IncidentKey? Key)> words = [];
        while (request.Arguments.Next() is { } word)
        {
            words.Add((word, IncidentReference.Read(word) is { Kind: IncidentReferenceKind.Key, Key: var key } ? key : null));
        }
        IncidentKey[] keys = [request.Incident, .. words.Select(word => word.Key).OfType<IncidentKey>()];
        if (await incidents.AcknowledgeAllAsync(keys, request.Caller.Actor, request.Caller.ReplayKey, cancellationToken) is not { } results)
        {
            LogReplayedAck(logger, request.Caller.UserId);
            return null;
        }
        var outcomes = new Queue<string>(results.Select(result => Outcome(result, i => $"👀 Acknowledged *{i.Key}*: {Title(i)}").Text));
        List<string> lines = [outcomes.Dequeue(), .. words.Select(word => word.Key is null ? Ignored(word.Word) : outcomes.Dequeue())];
        return new SlackReply(string.Join('\n', lines));

        static string Ignored(string word) => $"“{SlackCommandText.Quote(word)}” is not an incident key; ignored.";
    }

    private async Task<SlackReply?> ChangeSeverityAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        string text = request.Arguments.Rest; // "sev 2" is two words
        if (text.Length == 0)
        {
            return new SlackReply($"Which severity? Usage: {request.Usage}");
        }
        if (!SeverityText.TryParse(text, out Severity severity))
        {
            return new SlackReply($"{NotASeverity(text)} Usage: {request.Usage}");
        }
        IncidentCommandResult result = await incidents.ChangeSeverityAsync(request.Incident, severity, request.Caller.Actor, cancellationToken);
        return Outcome(result, i => $"*{i.Key}* is now {severity.ToDisplay()}.");
    }

    private async Task<SlackReply?> AddNoteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        string note = SlackCommandText.ToNoteText(request.Arguments.Rest);
        if (note.Length == 0)
        {
            return new SlackReply($"What should the note say? Usage: {request.Usage}");
        }
        IncidentCommandResult result = await incidents.AddNoteAsync(request.Incident, note, request.Caller.Actor, cancellationToken);
        return Outcome(result, i => $"Added your note to the timeline of *{i.Key}*.");
    }

    /// <summary>
    /// Resolves (as not actionable with <c>--noise</c>), unless alerts still fire: then it warns as the card's resolve form does
    /// and waits for a confirming press, which carries what was typed.
    /// </summary>
    private async Task<SlackReply?> ResolveAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        string plain = SlackCommandText.ToPlainText(request.Arguments.Rest);
        if (await queries.FindAsync(request.Incident, cancellationToken) is { Status: not IncidentStatus.Resolved } incident
            && IncidentCard.FiringAlerts(incident) > 0)
        {
            string? typed = plain.Length == 0 ? null : plain;
            return ResolveConfirmation.Carries(typed)
                ? ResolveConfirmation.Render(incident, request.Caller.UserId, typed)
                : new SlackReply($"Alerts still fire, so resolving needs a confirmation, and that note is too long to carry through it (at most {ResolveConfirmation.MaxNote} characters): add it with `/incident note` first.");
        }
        var arguments = ResolveArguments.Read(plain);
        return Outcome(await arguments.ResolveAsync(incidents, request.Incident, request.Caller.Actor, cancellationToken), arguments.Reply);
    }

    private async Task<SlackReply?> DeclareAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        Severity severity = Severity.Sev3;
        if (SeverityText.SplitLeading(request.Arguments.Rest, out string rest) is { } typed && !SeverityText.TryParse(typed, out severity))
        {
            return new SlackReply($"{NotASeverity(typed)} Usage: {request.Usage}");
        }
        string title = SlackCommandText.ToPlainText(rest);
        if (title.Length == 0)
        {
            if (request.Caller.TriggerId is not { } triggerId)
            {
                return new SlackReply($"What is the incident about? Usage: {request.Usage}");
            }
            ModalOpener.Start(background, triggerId, DeclareIncidentModal.Build(severity, request.Caller.ReplyTarget.ChannelId), request.Caller.ReplyTarget,
                "Declare with `/incident new [SEV1-4] title` instead.");
            return null; // an empty answer shows nothing; the form opens
        }
        IncidentCommandResult result = await incidents.DeclareAsync(
            new DeclaredIncident(title, severity, Commander: request.Caller.UserId), request.Caller.Actor, cancellationToken);
        if (result.Succeeded)
        {
            LogDeclared(logger, result.Incident.Key, request.Caller.UserId);
            DeclaredIncidentReply.FollowUp(background, result.Incident, request.Caller.ReplyTarget, declarationTold: true);
        }
        return Outcome(result, DeclaredIncidentReply.Declared);
    }

    private static string NotASeverity(string text) => $"“{SlackCommandText.Quote(text)}” is not a severity: use SEV1, SEV2, SEV3 or SEV4 (or P1–P4).";

    [LoggerMessage(EventId = 2231, Level = LogLevel.Information, Message = "Slack user {User} declared {Incident}")]
    private static partial void LogDeclared(ILogger logger, IncidentKey incident, string user);

    [LoggerMessage(EventId = 2232, Level = LogLevel.Warning, Message = "Ignored a replayed ack from {User} (its request was recorded with the first one); answered without acting")]
    private static partial void LogReplayedAck(ILogger logger, string user);
}
