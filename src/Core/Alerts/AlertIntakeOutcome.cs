namespace ChatOpsIncidents.Core.Alerts;

public enum AlertIntakeOutcome
{
    /// <summary>A new incident was opened for the group.</summary>
    Opened,

    /// <summary>A recently resolved incident of the group was reopened.</summary>
    Reopened,

    /// <summary>The group's incident changed: alerts added, resolved or firing again.</summary>
    Updated,

    /// <summary>Nothing new: a repeat, a retry or a stale delivery.</summary>
    Unchanged,
}
