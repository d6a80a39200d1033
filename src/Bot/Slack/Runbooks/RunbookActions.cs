namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>The <c>action_id</c>s of the buttons on a runbook confirmation; Run carries the id of a stored <see cref="ChatOpsIncidents.Core.Runs.PendingRunbookRun"/>.</summary>
internal static class RunbookActions
{
    public const string Prefix = "runbook-";
    public const string Confirm = "runbook-confirm";
    public const string Cancel = "runbook-cancel";
}
