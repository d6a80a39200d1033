using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Reports;

/// <summary>What the team aims for, shown next to each week's figures; the defaults are the founding documents' numbers.</summary>
public sealed class WeeklyReportTargets
{
    /// <summary>The mean time to acknowledge to stay under, by severity; a severity without one has no target.</summary>
    public Dictionary<Severity, TimeSpan> TimeToAcknowledge { get; set; } = new() { [Severity.Sev1] = TimeSpan.FromMinutes(5) };

    /// <summary>The mean time to resolve to stay under, by severity; none by default.</summary>
    public Dictionary<Severity, TimeSpan> TimeToResolve { get; set; } = [];

    /// <summary>False positives a week (incidents marked not actionable) to stay under.</summary>
    public int FalsePositives { get; set; } = 5;

    /// <summary>The share of automatic runbook runs that succeed, to stay over: 0.8 is 80 %.</summary>
    public double AutomaticRemediationSuccess { get; set; } = 0.8;

    /// <summary>How soon after its incident's resolution a postmortem is to be done; later ones are overdue.</summary>
    public TimeSpan PostmortemWithin { get; set; } = PostmortemCompletion.Target;
}
