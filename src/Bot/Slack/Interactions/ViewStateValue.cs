namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>One input's value: text inputs fill <see cref="Value"/> (null when left empty), selects <see cref="SelectedOption"/>.</summary>
public sealed record ViewStateValue
{
    public string? Type { get; init; }

    public string? Value { get; init; }

    public SelectedOption? SelectedOption { get; init; }

    public string? SelectedUser { get; init; }
}
