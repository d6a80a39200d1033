namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>Who interacted: <see cref="Id"/> (<c>U…</c>) identifies them; the names are for display only.</summary>
public sealed record InteractionUser(string Id)
{
    public string? Username { get; init; }

    public string? Name { get; init; }
}
