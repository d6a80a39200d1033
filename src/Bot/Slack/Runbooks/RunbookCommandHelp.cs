namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>The grammar of <c>/runbook</c>, as people read it in <c>/runbook help</c> and in usage messages.</summary>
internal static class RunbookCommandHelp
{
    public const string List = "`/runbook list`";
    public const string Show = "`/runbook show ID`";
    public const string Run = "`/runbook run ID [key=value…] [--dry-run]`";
    public const string Status = "`/runbook status RUN`";

    public const string Text = """
        *`/runbook`* runs remediation runbooks. In an incident's channel, parameters default from the incident's alert labels and the run is on its timeline.
        • `/runbook list` lists the runbooks (those that fit this incident first)
        • `/runbook show ID` shows what a runbook does and its procedure
        • `/runbook run ID [key=value…]` runs it, after you confirm when it changes the cluster: `/runbook run high-latency replicas=6`
        • `/runbook run ID … --dry-run` shows the exact Kubernetes requests it would send, and sends none
        • `/runbook status RUN` shows how a run went, such as `/runbook status 12`
        • `/runbook help` shows this
        """;

    public const string Subcommands = "help, list, show, run, status";
}
