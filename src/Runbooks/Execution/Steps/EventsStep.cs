using System.Globalization;
using System.Text;
using ChatOpsIncidents.Runbooks.Definitions;
using ChatOpsIncidents.Runbooks.Kubernetes;
using k8s.Models;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>
/// <c>kubernetes.events</c>: the events about one object of any kind (a node, a DaemonSet, a StatefulSet, a pod), oldest
/// first. It reads, and changes nothing. The summary counts them and names the warnings' reasons; the whole list is attached.
/// </summary>
public sealed record EventsStep(RunbookStep Step, string Namespace, string Kind, string Name) : ClusterStep(Step)
{
    private const int ReasonsShown = 3;

    public override string Description => $"read the events of {Kind} {Name} (namespace {Namespace})";

    public override IReadOnlyList<KubernetesRequest> Requests => [KubernetesRequests.ListEvents(Namespace, Kind, Name)];

    /// <exception cref="PlanRefusal">The namespace or the object's name has no value or is not a name, or the namespace is not allowed.</exception>
    internal static EventsStep Plan(RunbookStep step, StepPlanning planning)
    {
        string[] kindAndName = (step.EventsOf ?? "").Split('/', 2);
        string ns = planning.Namespace(step);
        if (kindAndName.Length < 2 || planning.Render(kindAndName[1]) is not { } name)
        {
            throw new PlanRefusal("the object whose events it reads has no name.");
        }
        try
        {
            DnsName.RequireSubdomain(name, $"{kindAndName[0]} name");
        }
        catch (InvalidKubernetesNameException exception)
        {
            throw new PlanRefusal(exception.Message);
        }
        return new EventsStep(step, ns, kindAndName[0], name);
    }

    private protected override async Task<StepResult> RunAsync(IKubernetesClient kubernetes, StepContext context, CancellationToken cancellationToken)
    {
        IList<Corev1Event> events = await kubernetes.ListEventsAsync(Namespace, Kind, Name, cancellationToken);
        if (events.Count == 0)
        {
            return StepResult.Done($"no events about {Kind} {Name} (Kubernetes keeps them an hour by default)");
        }
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"{Kind} {Name} (namespace {Namespace}):\n");
        Append(report, events);
        string[] warnings = [.. events.Where(e => e.Type == "Warning").OrderByDescending(SortTime).Select(e => e.Reason).Distinct()];
        string summary = warnings.Length == 0
            ? $"{events.Count} events about {Kind} {Name}, no warnings"
            : $"{events.Count} events about {Kind} {Name}, warnings: {string.Join(", ", warnings.Take(ReasonsShown))}{(warnings.Length > ReasonsShown ? ", …" : "")}";
        return StepResult.Done(summary, report.ToString());
    }

    /// <summary>Writes one line per event, oldest first.</summary>
    internal static void Append(StringBuilder report, IList<Corev1Event> events)
    {
        foreach (Corev1Event e in events.OrderBy(SortTime))
        {
            report.Append(CultureInfo.InvariantCulture, $"  event {SortTime(e):u} {e.Type} {e.Reason} (x{Math.Max(e.Count ?? 0, 1)}): {e.Message}\n");
        }
    }

    /// <summary>Events written through events.k8s.io have no lastTimestamp but an eventTime or a series.</summary>
    private static DateTime? SortTime(Corev1Event e) => e.LastTimestamp ?? e.Series?.LastObservedTime ?? e.EventTime ?? e.Metadata.CreationTimestamp;
}
