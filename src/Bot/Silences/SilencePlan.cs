namespace ChatOpsIncidents.Bot.Silences;

/// <summary>The silence that would be made for an incident (shown to the person before it is), or why none can be.</summary>
internal sealed record SilencePlan(IReadOnlyList<SilenceMatcher> Matchers, DateTimeOffset EndsAt, string? Refusal)
{
    public static SilencePlan Refused(string refusal) => new([], default, refusal);
}
