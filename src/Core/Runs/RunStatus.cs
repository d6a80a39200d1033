namespace ChatOpsIncidents.Core.Runs;

public enum RunStatus
{
    Running,
    Succeeded,
    Failed,

    /// <summary>The bot stopped (a restart, a crash) while the run was going; what the cluster did meanwhile is unknown.</summary>
    Interrupted,
}
