namespace ChatOpsIncidents.Bot.Silences;

/// <summary>What silencing or unsilencing did: the silence's id (and end, when made), or why nothing changed.</summary>
internal sealed record SilenceOutcome(string? Refusal, string? SilenceId, DateTimeOffset? EndsAt)
{
    public static SilenceOutcome Refused(string refusal) => new(refusal, null, null);
}
