namespace ChatOpsIncidents.Bot.Slack.Silences;

/// <summary>The <c>action_id</c>s of the buttons on a silence's confirmation; Silence carries a <see cref="SilenceConfirmation"/>.</summary>
internal static class SilenceActions
{
    public const string Prefix = "silence-";
    public const string Confirm = "silence-confirm";
    public const string Cancel = "silence-cancel";
}
