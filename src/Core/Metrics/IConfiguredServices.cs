namespace ChatOpsIncidents.Core.Metrics;

/// <summary>Services that a part of the configuration names (escalation policies, runbooks): their metrics keep their own label.</summary>
public interface IConfiguredServices
{
    IEnumerable<string> Services { get; }
}
