using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>
/// What steps are planned with: the request's labels and the run's parameters for templates, the runbook's targets, the
/// namespace allowlist, the Kubernetes API server and the time.
/// </summary>
internal sealed class StepPlanning(
    RunRequest request,
    IReadOnlyDictionary<string, string> parameters,
    IReadOnlyList<RunbookTarget> targets,
    KubernetesOptions kubernetes,
    Uri? kubernetesServer,
    DateTimeOffset now)
{
    public DateTimeOffset Now { get; } = now;

    /// <summary>The Kubernetes API server the bot talks to, when it does: no http.check reaches it unless its step lists it.</summary>
    public Uri? KubernetesServer { get; } = kubernetesServer;

    public string? Render(string template) => RunbookTemplate.Render(template, request.Labels, parameters);

    /// <summary>
    /// The step's deployment: both names rendered, DNS-1123, one of the runbook's targets (when it lists any) and in
    /// <c>Kubernetes:AllowedNamespaces</c> (unless a dry run on a bot with no namespaces set: it shows the requests anyway).
    /// </summary>
    /// <exception cref="PlanRefusal">Otherwise, saying which.</exception>
    public DeploymentRef Deployment(RunbookStep step)
    {
        if (Render(step.Namespace) is not { } ns || Render(step.Deployment) is not { } name)
        {
            throw new PlanRefusal("its namespace or deployment has no value.");
        }
        DeploymentRef deployment;
        try
        {
            deployment = DeploymentRef.Create(ns, name);
        }
        catch (InvalidKubernetesNameException exception)
        {
            throw new PlanRefusal(exception.Message);
        }
        if (targets.Count > 0 && !targets.Any(target => target.Matches(deployment)))
        {
            throw new PlanRefusal($"deployment {deployment} is not one of the runbook's targets ({string.Join(", ", targets)}).");
        }
        RequireAllowed(ns);
        return deployment;
    }

    /// <summary>The step's namespace, rendered, DNS-1123 and allowed as for <see cref="Deployment"/>; for steps that name no deployment.</summary>
    /// <exception cref="PlanRefusal">Otherwise, saying which.</exception>
    public string Namespace(RunbookStep step)
    {
        string? ns = Render(step.Namespace);
        if (!DnsName.IsLabel(ns))
        {
            throw new PlanRefusal(ns is null ? "its namespace has no value." : $"“{ns}” is not a valid namespace.");
        }
        RequireAllowed(ns);
        return ns;
    }

    private void RequireAllowed(string ns)
    {
        if (!kubernetes.IsAllowed(ns) && !(request.DryRun && kubernetes.AllowedNamespaces.Length == 0))
        {
            throw new PlanRefusal(kubernetes.IsConfigured
                ? $"namespace {ns} is not one runbooks may touch (Kubernetes:AllowedNamespaces: {string.Join(", ", kubernetes.AllowedNamespaces)})."
                : $"namespace {ns} is not allowed: {KubernetesAccess.NotConfigured}");
        }
    }
}
