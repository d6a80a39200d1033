using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Runs;

/// <summary>
/// What a new run is: which runbook, for which incident (if any), on which target, started by whom, with which
/// parameters and steps. <paramref name="LockKey"/> is what one run at a time is held on (across replicas), while
/// <paramref name="Target"/> says in words what the run works on. <paramref name="Owner"/> names the bot instance that runs it, so that instance can tell at its
/// next start that the run was cut short. An automatic run with <paramref name="Limits"/> starts only while the runbook's
/// automatic runs of the last hour, on its target and in all, are fewer than they say.
/// </summary>
public sealed record RunbookRunStart(
    string RunbookId,
    IncidentKey? Incident,
    string Target,
    string LockKey,
    Actor StartedBy,
    bool Automatic,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> StepNames,
    string Owner,
    long? TriggerEntryId = null,
    AutomaticRunLimits? Limits = null);
