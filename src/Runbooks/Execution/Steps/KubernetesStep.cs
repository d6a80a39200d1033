using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>A step on one deployment: what a run of its runbook is held on, one at a time.</summary>
public abstract record KubernetesStep(RunbookStep Step, DeploymentRef Deployment) : ClusterStep(Step);
