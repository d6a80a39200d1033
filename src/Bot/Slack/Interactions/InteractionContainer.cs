namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>Where the click happened: <see cref="Type"/> "message" (with the channel and message ts) or "view" (a modal).</summary>
public sealed record InteractionContainer(string Type)
{
    public string? ChannelId { get; init; }

    public string? MessageTs { get; init; }

    public bool? IsEphemeral { get; init; }

    public string? ViewId { get; init; }
}
