using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>
/// A modal for <c>views.open</c>. The title and buttons are cut to Slack's 24 characters and the blocks to 100;
/// <see cref="CallbackId"/> names the modal in the <c>view_submission</c> payload and <see cref="PrivateMetadata"/> comes
/// back with it unchanged.
/// </summary>
public sealed record ModalView
{
    /// <param name="submit">The submit button's label; required when the view has input blocks.</param>
    public ModalView(
        string title, string callbackId, IReadOnlyList<Block> blocks, string? submit = null, string? close = null, string? privateMetadata = null)
    {
        // Metadata is data, not text: cutting it would corrupt it, so too much is the caller's mistake.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(privateMetadata?.Length ?? 0, BlockKitLimits.PrivateMetadata, nameof(privateMetadata));
        Title = new PlainText(title).Truncated(BlockKitLimits.ViewTitle);
        CallbackId = BlockKitText.Cut(callbackId, BlockKitLimits.CallbackId);
        Blocks = [.. blocks.Take(BlockKitLimits.ViewBlocks)];
        Submit = submit is null ? null : new PlainText(submit).Truncated(BlockKitLimits.ViewButton);
        Close = close is null ? null : new PlainText(close).Truncated(BlockKitLimits.ViewButton);
        PrivateMetadata = privateMetadata;
    }

    [JsonPropertyOrder(-1)]
    public string Type => "modal";

    public TextObject Title { get; }

    public string CallbackId { get; }

    public IReadOnlyList<Block> Blocks { get; }

    public TextObject? Submit { get; }

    public TextObject? Close { get; }

    public string? PrivateMetadata { get; }
}
