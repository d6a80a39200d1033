namespace ChatOpsIncidents.Core.Incidents;

/// <summary>A person's id in the chat, or why there is none, as the person reads it ("Slack has no member with the email …").</summary>
public sealed record PersonMatch(string? PersonId, string? WhyNone)
{
    public static PersonMatch Found(string personId) => new(personId, null);

    public static PersonMatch None(string why) => new(null, why);
}
