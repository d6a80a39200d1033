namespace ChatOpsIncidents.Bot.Slack.Interactions;

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
