namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>The channel of the message that was clicked.</summary>
public sealed record InteractionChannel(string Id)
{
    public string? Name { get; init; }
}
