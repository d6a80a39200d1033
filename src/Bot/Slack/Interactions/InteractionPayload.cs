namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// What Slack posts to the interactivity URL as the <c>payload</c> form field (docs/slack.md, "Interactions"), reduced to the
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

/// <summary>Who interacted: <see cref="Id"/> (<c>U…</c>) identifies them; the names are for display only.</summary>
public sealed record InteractionUser(string Id)
{
    public string? Username { get; init; }

    public string? Name { get; init; }
}

/// <summary>Where the click happened: <see cref="Type"/> "message" (with the channel and message ts) or "view" (a modal).</summary>
public sealed record InteractionContainer(string Type)
{
    public string? ChannelId { get; init; }

    public string? MessageTs { get; init; }

    public bool? IsEphemeral { get; init; }

    public string? ViewId { get; init; }
}

/// <summary>The channel of the message that was clicked.</summary>
public sealed record InteractionChannel(string Id)
{
    public string? Name { get; init; }
}

/// <summary>
/// One element's action in a <c>block_actions</c> payload: a button carries its <see cref="Value"/>, a select or overflow
/// menu its <see cref="SelectedOption"/> (null when a static select was cleared).
/// </summary>
public sealed record BlockAction(string ActionId)
{
    public string? Type { get; init; }

    public string? BlockId { get; init; }

    public string? Value { get; init; }

    public SelectedOption? SelectedOption { get; init; }

    public string? ActionTs { get; init; }
}

/// <summary>The chosen option of a select or overflow menu; only its value matters to the bot.</summary>
public sealed record SelectedOption(string Value);

/// <summary>A submitted (or clicked-in) modal: <see cref="CallbackId"/> names it, <see cref="PrivateMetadata"/> is what the bot put there.</summary>
public sealed record InteractionView
{
    public string? Id { get; init; }

    public string? CallbackId { get; init; }

    public string? PrivateMetadata { get; init; }

    public ViewState? State { get; init; }
}

/// <summary>A modal's input values, keyed by block id, then by action id.</summary>
public sealed record ViewState
{
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, ViewStateValue>> Values { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, ViewStateValue>>();

    /// <summary>The value at <paramref name="blockId"/>/<paramref name="actionId"/>, or null when the modal did not send it.</summary>
    public ViewStateValue? Find(string blockId, string actionId) =>
        Values.TryGetValue(blockId, out IReadOnlyDictionary<string, ViewStateValue>? block) && block.TryGetValue(actionId, out ViewStateValue? value)
            ? value
            : null;
}

/// <summary>One input's value: text inputs fill <see cref="Value"/> (null when left empty), selects <see cref="SelectedOption"/>.</summary>
public sealed record ViewStateValue
{
    public string? Type { get; init; }

    public string? Value { get; init; }

    public SelectedOption? SelectedOption { get; init; }

    public string? SelectedUser { get; init; }
}
