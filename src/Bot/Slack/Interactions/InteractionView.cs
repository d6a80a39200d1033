namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>A submitted (or clicked-in) modal: <see cref="CallbackId"/> names it, <see cref="PrivateMetadata"/> is what the bot put there.</summary>
public sealed record InteractionView
{
    public string? Id { get; init; }

    public string? CallbackId { get; init; }

    public string? PrivateMetadata { get; init; }

    public ViewState? State { get; init; }
}
