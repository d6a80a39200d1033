using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// What follows the key of <c>/incident resolve</c>, as plain text: a note, or <c>--noise</c> and why the incident was not
/// actionable (Slack's smart punctuation may have made the dashes "—").
/// </summary>
internal sealed record ResolveArguments(bool Noise, string? Note)
{
    public const string NoiseFlag = "--noise";

    public static ResolveArguments Read(string? plain)
    {
        string text = (plain ?? "").Trim();
        string? afterFlag = new[] { NoiseFlag, "—noise" }
            .Where(flag => text.Equals(flag, StringComparison.OrdinalIgnoreCase) || text.StartsWith(flag + " ", StringComparison.OrdinalIgnoreCase))
            .Select(flag => text[flag.Length..].Trim())
            .FirstOrDefault();
        string? note = (afterFlag ?? text) is { Length: > 0 } rest ? rest : null;
        return new ResolveArguments(afterFlag is not null, note);
    }

    /// <summary>Resolves <paramref name="key"/> as <paramref name="by"/> asked: with the note, or as not actionable saying why.</summary>
    public Task<IncidentCommandResult> ResolveAsync(IncidentService incidents, IncidentKey key, Actor by, CancellationToken cancellationToken) => Noise
        ? incidents.ResolveAsNoiseAsync(key, by, Note, cancellationToken)
        : incidents.ResolveAsync(key, by, Note, cancellationToken);

    /// <summary>The answer to a resolve that succeeded.</summary>
    public string Reply(Incident incident) => Noise
        ? $"🔕 Resolved *{incident.Key}* as not actionable (noise): {IncidentReplies.Title(incident)}"
        : IncidentReplies.Resolved(incident);
}
