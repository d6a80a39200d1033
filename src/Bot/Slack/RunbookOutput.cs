namespace ChatOpsIncidents.Bot.Slack;

/// <summary>Where what a runbook run gathers (diagnostics) is shown, after redaction.</summary>
public enum RunbookOutput
{
    /// <summary>In the thread of the run's progress message: short output as a code block, long output as a file.</summary>
    Channel,

    /// <summary>Only to the person who started the run (<c>chat.postEphemeral</c>); an automatic run's output is not shown.</summary>
    Ephemeral,

    /// <summary>Always as a file in the thread of the run's progress message.</summary>
    File,
}
