using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Runbooks.Execution;

/// <summary>
/// Someone (or an alert) asks to run a runbook: with the parameters they gave, the labels of the incident's alerts for
/// defaults, and, for a person, the user groups they are in (for <c>allowed</c>).
/// </summary>
public sealed record RunRequest(string RunbookId, Actor By, IncidentKey? Incident)
{
    public IReadOnlyDictionary<string, string> Given { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> UserGroups { get; init; } = [];

    /// <summary>
    /// The handles of every user group the workspace has, when the runbook is allowed to a group (to say which is missing);
    /// null when nobody asked or Slack could not tell.
    /// </summary>
    public IReadOnlyList<string>? ExistingGroups { get; init; }

    public bool DryRun { get; init; }

    /// <summary>The person pressed the confirmation button.</summary>
    public bool Confirmed { get; init; }

    /// <summary>Started by an alert firing, not by a person; <see cref="TriggerEntryId"/> is that timeline entry.</summary>
    public bool Automatic { get; init; }

    public long? TriggerEntryId { get; init; }
}
