using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Escalation;

/// <summary>Ordered steps for the incidents of some services and severities; the last step repeats <see cref="RepeatLastStep"/> times.</summary>
public sealed class EscalationPolicy
{
    public string Name { get; set; } = "";

    /// <summary>The services this policy covers; empty covers every service.</summary>
    public string[] Services { get; set; } = [];

    /// <summary>The severities this policy covers (SEV1..SEV4); empty covers every severity.</summary>
    public Severity[] Severities { get; set; } = [];

    public List<EscalationStep> Steps { get; set; } = [];

    public int RepeatLastStep { get; set; }

    /// <summary>How many times steps fire at most: every step once, then the last one again <see cref="RepeatLastStep"/> times.</summary>
    public int MaxFirings => Steps.Count + RepeatLastStep;

    public bool Covers(Incident incident) =>
        (Services.Length == 0 || Services.Contains(incident.Service, StringComparer.OrdinalIgnoreCase))
        && (Severities.Length == 0 || Severities.Contains(incident.Severity));

    /// <summary>The step of the <paramref name="firing"/>-th firing (0-based): the steps in order, then the last one.</summary>
    public EscalationStep StepOf(int firing) => Steps[Math.Min(firing, Steps.Count - 1)];
}
