using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// Finds the incident a command is about: the key typed after the verb, or else the incident whose channel the command was typed
/// in. A word that looks like a key but is none (<c>INC7</c>) is refused, never taken for the channel's incident. Whether a bare
/// number is the key depends on the verb (<see cref="IncidentArgument"/>).
/// </summary>
internal sealed class IncidentFinder(IIncidentChannelDirectory? channels = null)
{
    public const string KeyHint = "KEY is an incident key such as `INC-42`; in an incident's own channel you can leave it out.";

    /// <summary>Finds the incident, reading its key from <paramref name="request"/>'s arguments when it was typed.</summary>
    public async Task<IncidentLookup> FindAsync(CommandRequest request, IncidentReference reference, CancellationToken cancellationToken)
    {
        if (reference.Kind == IncidentReferenceKind.Malformed)
        {
            string notAKey = $"“{SlackCommandText.Quote(reference.Word)}” is not an incident key";
            return IncidentLookup.Refused(reference.Meant is { } meant
                ? $"{notAKey} — did you mean {meant}?"
                : $"{notAKey}. Usage: {request.Usage}. {KeyHint}");
        }
        if (reference.Kind == IncidentReferenceKind.Channel)
        {
            if (channels is null || await channels.FindByChannelAsync(reference.ChannelId, cancellationToken) is not { } mentioned)
            {
                return IncidentLookup.Refused($"{Mrkdwn.Channel(reference.ChannelId)} is not an incident's channel. Usage: {request.Usage}. {KeyHint}");
            }
            request.Arguments.Next();
            return IncidentLookup.Found(mentioned);
        }
        IncidentArgument argument = request.Verb.Incident;
        bool numberIsKey = reference.Kind == IncidentReferenceKind.Number && (argument == IncidentArgument.Key || request.Arguments.HasSeveral);
        if (reference.Kind == IncidentReferenceKind.Key || (numberIsKey && argument != IncidentArgument.KeyThenText))
        {
            return Typed(request, reference);
        }
        if (await OfChannelAsync(request.Caller, cancellationToken) is { } ofChannel)
        {
            return IncidentLookup.Found(ofChannel);
        }
        return numberIsKey // free text after a number, outside an incident's channel: the number is the key
            ? Typed(request, reference)
            : IncidentLookup.Refused($"Which incident? Usage: {request.Usage}. {KeyHint}");
    }

    /// <summary>The incident whose channel <paramref name="caller"/> typed in; null when it is no incident's channel.</summary>
    public async Task<IncidentKey?> OfChannelAsync(CommandCaller caller, CancellationToken cancellationToken) =>
        channels is not null && caller.ChannelId is { } channel ? await channels.FindByChannelAsync(channel, cancellationToken) : null;

    private static IncidentLookup Typed(CommandRequest request, IncidentReference reference)
    {
        request.Arguments.Next();
        return IncidentLookup.Found(reference.Key);
    }
}

/// <summary>The incident a command is about, or the reply that says why it could not tell.</summary>
internal sealed record IncidentLookup(IncidentKey Key, SlackReply? Refusal)
{
    public static IncidentLookup Found(IncidentKey key) => new(key, null);

    public static IncidentLookup Refused(string text) => new(default, new SlackReply(text));
}
