namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// What Slack posts to the interactivity URL as the <c>payload</c> form field (shared/reference/slack.md §c), reduced to the
/// fields the bot reads. <see cref="Type"/> is <c>block_actions</c>, <c>view_submission</c>, <c>view_closed</c>, a shortcut…
/// </summary>
public sealed record InteractionPayload(string Type)
{
    public const string BlockActions = "block_actions";
    public const string ViewSubmission = "view_submission";

    public InteractionUser? User { get; init; }

    public InteractionTeam? Team { get; init; }

    public string? ApiAppId { get; init; }

    public string? TriggerId { get; init; }

    /// <summary>Present for clicks in messages; absent in modals. A credential: never log it.</summary>
    public string? ResponseUrl { get; init; }

    public InteractionContainer? Container { get; init; }

    public InteractionChannel? Channel { get; init; }

    public IReadOnlyList<BlockAction>? Actions { get; init; }

    /// <summary>The modal, for <c>view_submission</c> and for clicks inside a modal.</summary>
    public InteractionView? View { get; init; }
}
