namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>The grammar of <c>/incident</c>, as people read it in <c>/incident help</c> and in usage messages.</summary>
internal static class IncidentCommandHelp
{
    public const string List = "`/incident list [open|mine|all]`";
    public const string Show = "`/incident show KEY`";
    public const string Ack = "`/incident ack KEY`";
    public const string Assign = "`/incident assign KEY @user`";
    public const string Commander = "`/incident commander KEY @user`";
    public const string Severity = "`/incident severity KEY SEV1-4`";
    public const string Note = "`/incident note KEY text`";
    public const string Resolve = "`/incident resolve KEY [note]`";
    public const string New = "`/incident new [SEV1-4] [title]`";
    public const string OnCall = "`/incident oncall [schedule]`";
    public const string FollowUp = "`/incident followup KEY \"text\" [@owner]`";
    public const string Postmortem = "`/incident postmortem KEY [done <link>]`";

    public const string Text = """
        *`/incident`* works incidents from Slack. KEY is an incident key such as `INC-42` (or just `42`); in an incident's own channel you can leave it out.
        • `/incident list [open|mine|all]` lists the open incidents (the default), the open ones you command or are assigned to, or the latest 20 of all
        • `/incident show KEY` shows status, people and the latest timeline entries
        • `/incident ack KEY` acknowledges
        • `/incident assign KEY @user` sets who works on it (`me` works too)
        • `/incident commander KEY @user` sets the incident commander (`me` works too)
        • `/incident severity KEY SEV1-4` changes the severity
        • `/incident note KEY text` adds a note to the timeline
        • `/incident resolve KEY [note]` resolves, with an optional note
        • `/incident new` opens a form to declare an incident
        • `/incident new [SEV1-4] title` declares one at once, SEV3 unless you say otherwise: `/incident new sev1 Checkout is down`
        • `/incident oncall [schedule]` shows who is on call now and who is next
        • `/incident followup KEY "text" [@owner]` records an action item for the postmortem
        • `/incident postmortem KEY` shows the postmortem draft; `/incident postmortem KEY done <link>` marks it done and stops the reminders
        • `/incident help` shows this
        """;

    public const string Subcommands = "help, list, show, ack, assign, commander, severity, note, resolve, new, oncall, followup, postmortem";

    public const string KeyHint = "KEY is an incident key such as `INC-42`; in an incident's own channel you can leave it out.";
}
