using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Execution.Steps;
using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>
/// Turns a request into a plan, or refuses it: who may run it, its parameters (given, else from the alert labels), every
/// step planned by its kind (<see cref="StepKinds"/>: every name DNS-1123, every deployment among the runbook's targets, every namespace in <c>Kubernetes:AllowedNamespaces</c>,
/// replicas within the step's bounds). Nothing here talks to Kubernetes; the requests in the plan are built, not sent.
/// </summary>
internal static class RunPlanner
{
    public static RunPreparation Plan(Runbook runbook, RunRequest request, KubernetesOptions kubernetes, Uri? kubernetesServer, DateTimeOffset now)
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
        return new RunPreparation(new RunPlan(runbook, request, parameters, steps), null);
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
}
