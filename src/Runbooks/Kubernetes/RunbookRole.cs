using ChatOpsIncidents.Runbooks.Definitions;
using Call = (string Group, string Resource, string Verb, bool Named);

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// The least Kubernetes Role the runbooks need: for each namespace their targets name, the calls their steps make, limited
/// with <c>resourceNames</c> to the targets' deployments wherever Kubernetes can limit a call by name (list and watch of a
/// deployment go by a <c>metadata.name</c> field selector, so they can). Pods, their logs, ReplicaSets, events and
/// autoscalers are found by label or by listing, so those calls cover the namespace; so do the events a kubernetes.events
/// step reads, which needs only an exact namespace. A runbook whose targets are patterns or missing cannot be limited and is
/// left out (<see cref="Uncovered"/>): under this Role it may do nothing.
/// </summary>
public sealed class RunbookRole
{
    public const string Name = "chatops-incidents-runbooks";

    private static readonly Call[] s_scale =
        [("apps", "deployments/scale", "get", true), ("apps", "deployments/scale", "patch", true), ("autoscaling", "horizontalpodautoscalers", "list", false)];

    private readonly SortedDictionary<string, SortedDictionary<(string Group, string Resource, bool Named), Access>> _namespaces = new(StringComparer.Ordinal);

    private RunbookRole(IReadOnlyList<string> uncovered) => Uncovered = uncovered;

    /// <summary>The runbooks that touch Kubernetes without naming exactly which deployments.</summary>
    public IReadOnlyList<string> Uncovered { get; }

    public IReadOnlyCollection<string> Namespaces => _namespaces.Keys;

    public static RunbookRole For(IEnumerable<Runbook> runbooks)
    {
        List<string> uncovered = [];
        List<(RunbookStep Step, RunbookTarget Target)> grants = [];
        foreach (Runbook runbook in runbooks.Where(runbook => runbook.UsesKubernetes))
        {
            List<(RunbookStep, RunbookTarget)> own = [];
            foreach (RunbookStep step in runbook.Steps.Where(step => step.UsesKubernetes))
            {
                IReadOnlyList<RunbookTarget> targets = IsExact(step.Namespace) && (!step.NamesDeployment || IsExact(step.Deployment))
                    ? [new RunbookTarget(step.Namespace, step.Deployment)]
                    : runbook.Targets;
                if (targets.Count == 0 || targets.Any(target => !IsExact(target.Namespace) || (step.NamesDeployment && !IsExact(target.Deployment))))
                {
                    uncovered.Add(runbook.Id);
                    own.Clear();
                    break;
                }
                own.AddRange(targets.Select(target => (step, target)));
            }
            grants.AddRange(own);
        }
        var role = new RunbookRole(uncovered);
        foreach ((RunbookStep step, RunbookTarget target) in grants)
        {
            role.Grant(step, target);
        }
        return role;
    }

    /// <summary>The Role and its RoleBinding to <paramref name="serviceAccount"/> for each namespace, as YAML documents.</summary>
    public void Write(TextWriter output, string serviceAccountNamespace, string serviceAccount)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach ((string ns, SortedDictionary<(string Group, string Resource, bool Named), Access> rules) in _namespaces)
        {
            WriteHead(output, "Role", ns);
            output.WriteLine("rules:");
            foreach (((string group, string resource, bool named), Access access) in rules)
            {
                output.WriteLine($"  - apiGroups: [{Quoted([group])}]");
                output.WriteLine($"    resources: [{Quoted([resource])}]");
                if (named)
                {
                    output.WriteLine($"    resourceNames: [{Quoted(access.Names)}]");
                }
                output.WriteLine($"    verbs: [{Quoted(access.Verbs)}]");
            }
            WriteHead(output, "RoleBinding", ns);
            output.WriteLine("subjects:");
            output.WriteLine("  - kind: ServiceAccount");
            output.WriteLine($"    name: {serviceAccount}");
            output.WriteLine($"    namespace: {serviceAccountNamespace}");
            output.WriteLine("roleRef:");
            output.WriteLine("  apiGroup: rbac.authorization.k8s.io");
            output.WriteLine("  kind: Role");
            output.WriteLine($"  name: {Name}");
        }
    }

    private static void WriteHead(TextWriter output, string kind, string ns)
    {
        output.WriteLine("---");
        output.WriteLine("apiVersion: rbac.authorization.k8s.io/v1");
        output.WriteLine($"kind: {kind}");
        output.WriteLine("metadata:");
        output.WriteLine($"  name: {Name}");
        output.WriteLine($"  namespace: {ns}");
    }

    /// <summary>The calls a step kind makes (as <see cref="KubernetesRequests"/> builds them); Named: the call names the deployment.</summary>
    private static Call[] Calls(RunbookStep step) => step.Kind switch
    {
        StepKind.KubernetesRestart => [("apps", "deployments", "get", true), ("apps", "deployments", "patch", true)],
        StepKind.KubernetesWaitRollout => [("apps", "deployments", "list", true), ("apps", "deployments", "watch", true)],
        StepKind.KubernetesScale => step.RaiseAutoscalerMin ? [.. s_scale, ("autoscaling", "horizontalpodautoscalers", "patch", false)] : s_scale,
        StepKind.KubernetesDiagnostics =>
        [
            ("apps", "deployments", "get", true), ("apps", "replicasets", "list", false), ("", "pods", "list", false),
            ("", "pods/log", "get", false), ("", "events", "list", false),
        ],
        StepKind.KubernetesEvents => [("", "events", "list", false)],
        _ => [],
    };

    private void Grant(RunbookStep step, RunbookTarget target)
    {
        if (!_namespaces.TryGetValue(target.Namespace, out SortedDictionary<(string Group, string Resource, bool Named), Access>? rules))
        {
            _namespaces[target.Namespace] = rules = [];
        }
        foreach ((string group, string resource, string verb, bool named) in Calls(step))
        {
            if (!rules.TryGetValue((group, resource, named), out Access? access))
            {
                rules[(group, resource, named)] = access = new Access();
            }
            access.Verbs.Add(verb);
            if (named)
            {
                access.Names.Add(target.Deployment);
            }
        }
    }

    private static bool IsExact(string name) => !name.Contains('*', StringComparison.Ordinal) && !name.Contains("{{", StringComparison.Ordinal);

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(value => $"\"{value}\""));

    private sealed class Access
    {
        public SortedSet<string> Verbs { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Names { get; } = new(StringComparer.Ordinal);
    }
}
