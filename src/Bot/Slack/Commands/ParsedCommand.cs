using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// A command's text read once: its verb in lower case ("help" when the text is empty), what the word after the verb says about
/// an incident, and the words after the verb, for the verb's handler to read.
/// </summary>
internal sealed record ParsedCommand(string Verb, IncidentReference Reference, CommandArguments Arguments)
{
    public static ParsedCommand Parse(string text)
    {
        var arguments = new CommandArguments(text);
        string verb = arguments.Next()?.ToLowerInvariant() ?? "help";
        return new ParsedCommand(verb, IncidentReference.Read(arguments.Peek()), arguments);
    }
}

/// <summary>What a word says about an incident; <see cref="Word"/> is the word as typed.</summary>
internal readonly record struct IncidentReference(IncidentReferenceKind Kind, IncidentKey Key, string Word)
{
    private const string KeyPrefix = "inc-";

    public static IncidentReference Read(string? word)
    {
        if (word is null)
        {
            return default;
        }
        bool parsed = IncidentKey.TryParse(word, out IncidentKey key);
        IncidentReferenceKind kind = word.StartsWith(KeyPrefix, StringComparison.OrdinalIgnoreCase)
            ? parsed ? IncidentReferenceKind.Key : IncidentReferenceKind.Malformed
            : parsed ? IncidentReferenceKind.Number : IncidentReferenceKind.None;
        return new IncidentReference(kind, key, word);
    }
}

internal enum IncidentReferenceKind
{
    /// <summary>No word, or a word that is no incident key.</summary>
    None,

    /// <summary>An incident key for certain: <c>INC-42</c>.</summary>
    Key,

    /// <summary>A bare number: the key <c>42</c>, or an argument (<c>severity 2</c>), as the verb takes it.</summary>
    Number,

    /// <summary>Meant as a key but none: <c>INC-one</c>.</summary>
    Malformed,
}
