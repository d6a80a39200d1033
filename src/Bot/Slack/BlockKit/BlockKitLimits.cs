namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>
/// Slack's Block Kit limits (docs/slack.md, "Block Kit"). The block and element records truncate to them, so a message
/// never fails because a label, annotation or title was too long.
/// </summary>
internal static class BlockKitLimits
{
    public const int MessageBlocks = 50;
    public const int ViewBlocks = 100;

    /// <summary>chat.postMessage/chat.update accept up to 40,000 characters of text but Slack advises staying under 4,000.</summary>
    public const int MessageText = 4000;

    /// <summary>A channel's topic or purpose (Slack answers <c>too_long</c> past it, counting the text as sent, entities included).</summary>
    public const int Topic = 250;

    public const int BlockId = 255;
    public const int ActionId = 255;

    /// <summary>Any text object; blocks and elements below set tighter limits for their own texts.</summary>
    public const int TextObject = 3000;

    public const int HeaderText = 150;
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int SectionFieldText = 2000;
    public const int ContextElements = 10;
    public const int ActionsElements = 25;

    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ButtonUrl = 3000;

    public const int ConfirmTitle = 100;
    public const int ConfirmText = 300;
    public const int ConfirmButton = 30;

    public const int SelectOptions = 100;
    public const int SelectOptionGroups = 100;
    public const int OverflowOptions = 5;
    public const int OptionText = 75;

    /// <summary>python-slack-sdk documents 75; newer Slack pages may allow 150, unverified.</summary>
    public const int OptionValue = 75;

    public const int OptionGroupLabel = 75;
    public const int Placeholder = 150;

    public const int InputLabel = 2000;
    public const int InputHint = 2000;
    public const int PlainTextInputLength = 3000;

    public const int ViewTitle = 24;
    public const int ViewButton = 24;
    public const int CallbackId = 255;
    public const int PrivateMetadata = 3000;
}
