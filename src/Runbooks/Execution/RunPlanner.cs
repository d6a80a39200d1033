using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Execution.Steps;
using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>
/// Turns a request into a plan, or refuses it: who may run it, its parameters (given, else from the alert labels), every
/// step planned by its kind (<see cref="StepKinds"/>: every name DNS-1123, every deployment among the runbook's targets, every namespace in <c>Kubernetes:AllowedNamespaces</c>,
/// replicas within the step's bounds). Nothing here talks to Kubernetes; the requests in the plan are built, not sent, so a
/// dry run plans without a cluster while a real run that could not happen is refused here, before anyone confirms it.
/// </summary>
internal static class RunPlanner
{
    public static RunPreparation Plan(Runbook runbook, RunRequest request, KubernetesOptions kubernetes, Uri? kubernetesServer, DateTimeOffset now)
    {
        if (!request.Automatic && !MayRun(runbook, request))
        {
            return RunPreparation.Refused(
                $"You may not run {runbook.Id}: it is limited to {string.Join(", ", runbook.Allowed.Select(a => a.StartsWith('@') ? a : $"<@{a}>"))}."
                + MissingGroups(runbook, request));
        }
        if (ResolveParameters(runbook, request) is not { } parameters)
        {
            return RunPreparation.Refused(ParameterProblem(runbook, request));
        }
        var planning = new StepPlanning(request, parameters, runbook.Targets, kubernetes, kubernetesServer, now);
        List<PlannedStep> steps = [];
        foreach (RunbookStep step in runbook.Steps)
        {
            try
            {
                steps.Add(StepKinds.Plan(step, planning));
            }
            catch (PlanRefusal refusal)
            {
                return RunPreparation.Refused($"{runbook.Id}, step “{step.Name}”: {refusal.Message}");
            }
        }
        if (!request.DryRun && runbook.UsesKubernetes && !kubernetes.IsConfigured)
        {
            return RunPreparation.Refused($"{runbook.Id} cannot run here: {KubernetesAccess.NotConfigured} `--dry-run` shows what it would send.");
        }
        return new RunPreparation(new RunPlan(runbook, request, parameters, steps), null);
    }

    private static bool MayRun(Runbook runbook, RunRequest request) =>
        runbook.Allowed.Count == 0
        || runbook.Allowed.Contains(request.By.Id, StringComparer.Ordinal)
        || request.UserGroups.Any(group => runbook.Allowed.Contains("@" + group.TrimStart('@'), StringComparer.OrdinalIgnoreCase));

    /// <summary>Says which allowed groups Slack does not know, so that nobody waits on a group that was never created.</summary>
    private static string MissingGroups(Runbook runbook, RunRequest request)
    {
        if (request.ExistingGroups is not { } existing)
        {
            return "";
        }
        string[] missing = [.. runbook.Allowed.Where(allowed => allowed.StartsWith('@')
            && !existing.Contains(allowed.TrimStart('@'), StringComparer.OrdinalIgnoreCase))];
        return missing.Length == 0
            ? ""
            : $" There is no Slack user group {string.Join(", ", missing)} yet: create it in Slack and add the responders (or change `allowed` in the runbook's file).";
    }

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
}
