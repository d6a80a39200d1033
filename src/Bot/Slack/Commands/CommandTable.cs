using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Slack.Responders;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// The verbs of one slash command, keyed by the word people type (the way SlackNet keys slash command handlers by command),
/// with <c>help</c> first. Help, usage lines and the list of verbs all come from here, so they cannot drift from what runs.
/// A command is parsed once (<see cref="ParsedCommand"/>), its incident found (<see cref="IncidentFinder"/>), then its verb runs.
/// </summary>
internal sealed class CommandTable
{
    public CommandTable(string name, string summary, IReadOnlyList<CommandVerb> verbs)
    {
        Name = name;
        CommandVerb help = new CommandVerb("help", "help", "lists these commands", IncidentArgument.None,
            (_, request, _) => Task.FromResult<SlackReply?>(new SlackReply(request.Table.Help))).OnlyReading();
        Verbs = [help, .. verbs];
        Help = $"*`{name}`* {summary}\n" + string.Join('\n', Verbs.Select(verb => $"• {Usage(verb)} {Describe(verb)}"));
    }

    /// <summary>The slash command, such as <c>/incident</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<CommandVerb> Verbs { get; }

    /// <summary>The verb the command runs without one: <c>help</c> unless the table says otherwise (<c>/slo</c> lists).</summary>
    public string DefaultVerb { get; init; } = "help";

    /// <summary>What <c>help</c> answers: the summary, then a line per verb.</summary>
    public string Help { get; }

    /// <summary>A verb's usage as people type it, in backticks: <c>`/incident ack KEY`</c>.</summary>
    public string Usage(CommandVerb verb) => $"`{Name} {verb.Usage}`";

    public CommandVerb? Find(string verb) => Verbs.FirstOrDefault(candidate => candidate.Answers(verb));

    /// <summary>How the replay record of a request running <paramref name="text"/> (everything after the command) is kept.</summary>
    public ReplayRecord ReplayRecordOf(string text) => Find(Parse(text).Verb)?.Replay ?? ReplayRecord.Durable;

    /// <summary>Runs <paramref name="text"/> (everything after the command) as <paramref name="caller"/>, with services from the command's scope.</summary>
    public async Task<SlackReply?> HandleAsync(IServiceProvider services, string text, CommandCaller caller, CancellationToken cancellationToken)
    {
        ParsedCommand command = Parse(text);
        if (Find(command.Verb) is not { } verb)
        {
            string unknown = $"I don't know `{Name} {SlackCommandText.Quote(command.Verb)}`.";
            if (Closest(command.Verb) is { } meant)
            {
                return new SlackReply($"{unknown} Did you mean `{Name} {meant}`?");
            }
            string verbs = string.Join(", ", Verbs.Select(known => known.Name));
            return new SlackReply($"{unknown} Try one of: {verbs}, or `{Name} help`.");
        }
        var request = new CommandRequest(this, verb, caller, command.Arguments);
        if (verb.Incident != IncidentArgument.None)
        {
            IncidentLookup lookup = await services.GetRequiredService<IncidentFinder>().FindAsync(request, command.Reference, cancellationToken);
            if (lookup.Refusal is { } refusal)
            {
                return refusal;
            }
            request = request with { Incident = lookup.Key };
        }
        if (verb.ChangesIncident && await services.GetRequiredService<IncidentResponders>().RefusalForAsync(caller.UserId, cancellationToken) is { } notResponder)
        {
            return new SlackReply($"🚫 {notResponder}");
        }
        return await verb.Run(services, request, cancellationToken);
    }

    private ParsedCommand Parse(string text) => ParsedCommand.Parse(string.IsNullOrWhiteSpace(text) ? DefaultVerb : text);

    /// <summary>The verb or alias a typo most likely meant (<c>akc</c> → <c>ack</c>): one slip away, or two in a longer word.</summary>
    private string? Closest(string typed) => Verbs
        .SelectMany(verb => verb.Aliases.Prepend(verb.Name))
        .Select(name => (Name: name, Distance: TypoDistance.Between(typed, name)))
        .Where(candidate => candidate.Distance <= (typed.Length > 5 ? 2 : 1))
        .OrderBy(candidate => candidate.Distance)
        .Select(candidate => candidate.Name)
        .FirstOrDefault();

    /// <summary>The verb's one-line help, with its aliases.</summary>
    public static string Describe(CommandVerb verb) => verb.Aliases.Count == 0
        ? verb.Help
        : $"{verb.Help} (also `{string.Join("`, `", verb.Aliases)}`)";
}
