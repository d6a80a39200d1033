namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>"Are you sure?" before a button or menu choice takes effect.</summary>
public sealed record ConfirmDialog
{
    public ConfirmDialog(string title, TextObject text, string confirm, string deny)
    {
        Title = new PlainText(title).Truncated(BlockKitLimits.ConfirmTitle);
        Text = text.Truncated(BlockKitLimits.ConfirmText);
        Confirm = new PlainText(confirm).Truncated(BlockKitLimits.ConfirmButton);
        Deny = new PlainText(deny).Truncated(BlockKitLimits.ConfirmButton);
    }

    public TextObject Title { get; }

    public TextObject Text { get; }

    public TextObject Confirm { get; }

    public TextObject Deny { get; }

    public ButtonStyle? Style { get; init; }
}
