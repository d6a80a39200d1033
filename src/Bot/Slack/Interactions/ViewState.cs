namespace ChatOpsIncidents.Bot.Slack.Interactions;

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
