using System.Globalization;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>
/// Turns a request into a plan, or refuses it: who may run it, its parameters (given, else from the alert labels), every
/// name DNS-1123, every namespace in <c>Kubernetes:AllowedNamespaces</c>, replicas within the step's bounds. Nothing here
/// talks to Kubernetes; the requests in the plan are built, not sent.
/// </summary>
internal static class RunPlanner
{
    public static RunPreparation Plan(Runbook runbook, RunRequest request, KubernetesOptions kubernetes, DateTimeOffset now)
    {
        if (!request.Automatic && !MayRun(runbook, request))
        {
            return RunPreparation.Refused(
                $"You may not run {runbook.Id}: it is limited to {string.Join(", ", runbook.Allowed.Select(a => a.StartsWith('@') ? a : $"<@{a}>"))}.");
        }
        if (ResolveParameters(runbook, request) is not { } parameters)
        {
            return RunPreparation.Refused(ParameterProblem(runbook, request));
        }
        List<PlannedStep> steps = [];
        foreach (RunbookStep step in runbook.Steps)
        {
            try
            {
                if (PlanStep(step, request, parameters, kubernetes, now, out PlannedStep? planned) is { } problem)
                {
                    return RunPreparation.Refused($"{runbook.Id}, step “{step.Name}”: {problem}");
                }
                steps.Add(planned!);
            }
            catch (InvalidKubernetesNameException exception)
            {
                return RunPreparation.Refused($"{runbook.Id}, step “{step.Name}”: {exception.Message}");
            }
        }
        string target = steps.FirstOrDefault(s => s.Deployment is not null) is { } first
            ? $"deployment {first.Namespace}/{first.Deployment}"
            : $"runbook {runbook.Id}";
        return new RunPreparation(new RunPlan(runbook, request, parameters, steps, target), null);
    }

    private static bool MayRun(Runbook runbook, RunRequest request) =>
        runbook.Allowed.Count == 0
        || runbook.Allowed.Contains(request.By.Id, StringComparer.Ordinal)
        || request.UserGroups.Any(group => runbook.Allowed.Contains("@" + group.TrimStart('@'), StringComparer.OrdinalIgnoreCase));

    private static Dictionary<string, string>? ResolveParameters(Runbook runbook, RunRequest request)
    {
        if (request.Given.Keys.Any(key => runbook.Parameters.All(p => p.Name != key)))
        {
            return null;
        }
        Dictionary<string, string> values = [];
        foreach (RunbookParameter parameter in runbook.Parameters)
        {
            string? value = request.Given.GetValueOrDefault(parameter.Name)
                ?? (parameter.Default is { } template ? RunbookTemplate.Render(template, request.Labels, values) : null);
            if (string.IsNullOrEmpty(value) || (parameter.Pattern is { } pattern && !pattern.IsMatch(value)))
            {
                return null;
            }
            values[parameter.Name] = value;
        }
        return values;
    }

    private static string ParameterProblem(Runbook runbook, RunRequest request)
    {
        string takes = runbook.Parameters.Count == 0 ? "it takes none" : "it takes " + string.Join(", ", runbook.Parameters.Select(p => p.Name));
        if (request.Given.Keys.FirstOrDefault(key => runbook.Parameters.All(p => p.Name != key)) is { } unknown)
        {
            return $"{runbook.Id} has no parameter “{unknown}”; {takes}.";
        }
        foreach (RunbookParameter parameter in runbook.Parameters)
        {
            string? given = request.Given.GetValueOrDefault(parameter.Name);
            string? value = given ?? (parameter.Default is { } template ? RunbookTemplate.Render(template, request.Labels, request.Given) : null);
            if (string.IsNullOrEmpty(value))
            {
                return $"{runbook.Id} needs {parameter.Name}=… ({parameter.Description}); no alert label gave it. Run it as `/runbook run {runbook.Id} {parameter.Name}=VALUE`.";
            }
            if (parameter.Pattern is { } pattern && !pattern.IsMatch(value))
            {
                return $"“{value}” is not a valid {parameter.Name} for {runbook.Id} ({parameter.Description}).";
            }
        }
        return $"{runbook.Id} could not work out its parameters; {takes}.";
    }

    private static string? PlanStep(
        RunbookStep step, RunRequest request, IReadOnlyDictionary<string, string> parameters, KubernetesOptions kubernetes, DateTimeOffset now, out PlannedStep? planned)
    {
        planned = null;
        string? ns = null;
        string? deployment = null;
        if (step.UsesKubernetes)
        {
            ns = RunbookTemplate.Render(step.Namespace, request.Labels, parameters);
            deployment = RunbookTemplate.Render(step.Deployment, request.Labels, parameters);
            if (ns is null || deployment is null)
            {
                return "its namespace or deployment has no value.";
            }
            DnsName.RequireLabel(ns, "namespace");
            DnsName.RequireSubdomain(deployment, "deployment name");
            if (!kubernetes.IsAllowed(ns))
            {
                return kubernetes.IsConfigured
                    ? $"namespace {ns} is not one runbooks may touch (Kubernetes:AllowedNamespaces: {string.Join(", ", kubernetes.AllowedNamespaces)})."
                    : $"namespace {ns} is not allowed: {KubernetesAccess.NotConfigured}";
            }
        }
        switch (step.Kind)
        {
            case StepKind.KubernetesRestart:
                planned = new PlannedStep(step, $"restart deployment {ns}/{deployment}",
                    [KubernetesRequests.GetDeployment(ns!, deployment!), KubernetesRequests.RestartDeployment(ns!, deployment!, now)]);
                break;
            case StepKind.KubernetesScale:
                string? text = RunbookTemplate.Render(step.Replicas!, request.Labels, parameters);
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int replicas) || replicas < step.Min || replicas > step.Max)
                {
                    return $"replicas must be a whole number from {step.Min} to {step.Max}, was “{text}”.";
                }
                planned = new PlannedStep(step, $"scale deployment {ns}/{deployment} to {replicas} replicas",
                    [KubernetesRequests.GetScale(ns!, deployment!), KubernetesRequests.ScaleDeployment(ns!, deployment!, replicas)])
                { Replicas = replicas };
                break;
            case StepKind.KubernetesWaitRollout:
                planned = new PlannedStep(step, $"wait for the rollout of deployment {ns}/{deployment}", [KubernetesRequests.GetDeployment(ns!, deployment!)])
                { Then = "repeated every 3 s until the rollout is done or fails" };
                break;
            case StepKind.KubernetesDiagnostics:
                planned = new PlannedStep(step, $"gather diagnostics of deployment {ns}/{deployment}",
                    [KubernetesRequests.GetDeployment(ns!, deployment!), KubernetesRequests.ListEvents(ns!, "Deployment", deployment!)])
                { Then = "then GET its pods by the deployment's selector, the logs of unhealthy containers and their events" };
                break;
            case StepKind.Wait:
                planned = new PlannedStep(step, $"wait {step.Duration}", []);
                break;
            default:
                string? url = RunbookTemplate.Render(step.Url!, request.Labels, parameters);
                if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
                {
                    return $"“{url}” is not an http or https URL.";
                }
                planned = new PlannedStep(step, $"check that GET {uri} answers {step.ExpectStatus}", []) { Url = uri.ToString() };
                break;
        }
        planned = planned with { Namespace = ns, Deployment = deployment };
        return null;
    }
}
