using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// One verb of a slash command as its <see cref="CommandTable"/> lists it: the word people type and its aliases, the usage
/// line (what follows the command, such as <c>ack KEY</c>), the one-line help, how it takes its incident, and what runs it.
/// </summary>
internal sealed record CommandVerb(string Name, string Usage, string Help, IncidentArgument Incident, CommandHandler Run)
{
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The verb changes its incident, so only <c>Slack:Responders</c> may use it (see <see cref="Responders.IncidentResponders"/>).</summary>
    public bool ChangesIncident { get; init; }

    /// <summary>
    /// How the verb's request is recorded against Slack's replays: durably before it runs unless the verb says otherwise, when its
    /// answer is all it does (<see cref="OnlyReading"/>) or it records the request in its own write (<see cref="RecordingItsRequest"/>).
    /// </summary>
    public ReplayRecord Replay { get; init; } = ReplayRecord.Durable;

    public bool Answers(string verb) => Name == verb || Aliases.Contains(verb);

    public CommandVerb AlsoCalled(params string[] aliases) => this with { Aliases = aliases };

    public CommandVerb ChangingTheIncident() => this with { ChangesIncident = true };

    /// <summary>The verb's answer is all it does (it changes nothing, posts nothing, opens nothing): its record need not be waited to disk.</summary>
    public CommandVerb OnlyReading() => this with { Replay = ReplayRecord.WithoutWaitingForTheDisk };

    /// <summary>The verb records its request itself, in the transaction of its write, with <see cref="CommandCaller.ReplayKey"/>.</summary>
    public CommandVerb RecordingItsRequest() => this with { Replay = ReplayRecord.InTheHandlersWrite };

    /// <summary>A verb run by a method of <typeparamref name="TFamily"/>, a handler class resolved from the command's scope.</summary>
    public static CommandVerb For<TFamily>(
        string name, string usage, string help, IncidentArgument incident, Func<TFamily, CommandRequest, CancellationToken, Task<SlackReply?>> run)
        where TFamily : notnull =>
        new(name, usage, help, incident, (services, request, cancellationToken) => run(services.GetRequiredService<TFamily>(), request, cancellationToken));
}

/// <summary>Runs a verb; the answer is null when there is nothing to show.</summary>
internal delegate Task<SlackReply?> CommandHandler(IServiceProvider services, CommandRequest request, CancellationToken cancellationToken);

/// <summary>How a verb takes the incident it is about (see <see cref="IncidentFinder"/>).</summary>
internal enum IncidentArgument
{
    /// <summary>About no one incident: <c>list</c>, <c>new</c>.</summary>
    None,

    /// <summary>KEY and nothing it needs after it: a bare number is the key (<c>ack 42</c>).</summary>
    Key,

    /// <summary>KEY and a word after it: a bare number alone is that word, not the key (<c>severity 2</c> in an incident's channel).</summary>
    KeyThenWord,

    /// <summary>KEY and free text: in an incident's channel a bare number starts the text (<c>note 42 pods restarted</c>).</summary>
    KeyThenText,
}

/// <summary>What a verb's handler gets: its table and verb, who typed it where, the incident it is about, and the words left.</summary>
internal sealed record CommandRequest(CommandTable Table, CommandVerb Verb, CommandCaller Caller, CommandArguments Arguments)
{
    /// <summary>The incident the command is about; the default key for a verb that takes none.</summary>
    public IncidentKey Incident { get; init; }

    /// <summary>The verb's usage as people type it, such as <c>`/incident ack KEY`</c>, for the messages that explain a mistake.</summary>
    public string Usage => Table.Usage(Verb);
}
