namespace ChatOpsIncidents.Runbooks.Kubernetes;

public enum RolloutState
{
    Waiting,
    Done,
    Failed,
}
