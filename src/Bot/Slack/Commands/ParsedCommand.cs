using System.Text.RegularExpressions;
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
internal readonly partial record struct IncidentReference(IncidentReferenceKind Kind, IncidentKey Key, string Word)
{
    public static IncidentReference Read(string? word)
    {
        if (word is null)
        {
            return default;
        }
        if (ChannelMention().IsMatch(word))
        {
            return new IncidentReference(IncidentReferenceKind.Channel, default, word);
        }
        bool parsed = IncidentKey.TryParse(word, out IncidentKey key);
        IncidentReferenceKind kind = LooksLikeKey().IsMatch(word)
            ? parsed ? IncidentReferenceKind.Key : IncidentReferenceKind.Malformed
            : parsed ? IncidentReferenceKind.Number : IncidentReferenceKind.None;
        return new IncidentReference(kind, key, word);
    }

    /// <summary>The key a malformed word most likely meant: <c>INC-7</c> for <c>INC7</c> or <c>inc_7</c>; null when it names no number.</summary>
    public IncidentKey? Meant => MistypedKey().Match(Word) is { Success: true } match
        && IncidentKey.TryParse(match.Groups["number"].Value, out IncidentKey meant) ? meant : null;

    /// <summary>The channel a <see cref="IncidentReferenceKind.Channel"/> word mentions: C0INC0007 of <c>&lt;#C0INC0007|inc-7-checkout&gt;</c>.</summary>
    public string ChannelId => ChannelMention().Match(Word).Groups["id"].Value;

    /// <summary>A channel as Slack escapes it in command text: <c>&lt;#C0INC0007|inc-7-checkout&gt;</c>.</summary>
    [GeneratedRegex(@"^<#(?<id>[CG][A-Z0-9]+)(\|[^<>]*)?>$")]
    private static partial Regex ChannelMention();

    /// <summary>"INC" on its own or followed by anything but a letter: <c>INC-7</c>, <c>INC7</c>, <c>inc_7</c>; not <c>including</c>.</summary>
    [GeneratedRegex(@"^inc(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikeKey();

    [GeneratedRegex(@"^inc[^\p{L}\d]*(?<number>\d+)[^\p{L}\d]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MistypedKey();
}

internal enum IncidentReferenceKind
{
    /// <summary>No word, or a word that is no incident key.</summary>
    None,

    /// <summary>An incident key for certain: <c>INC-42</c>.</summary>
    Key,

    /// <summary>A bare number: the key <c>42</c>, or an argument (<c>severity 2</c>), as the verb takes it.</summary>
    Number,

    /// <summary>Meant as a key but none: <c>INC-one</c>, <c>INC7</c>.</summary>
    Malformed,

    /// <summary>A channel mention: the incident whose channel it is, <c>&lt;#C0INC0007|inc-7-checkout&gt;</c>.</summary>
    Channel,
}
