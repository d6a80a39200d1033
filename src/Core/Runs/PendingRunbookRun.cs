namespace ChatOpsIncidents.Core.Runs;

/// <summary>
/// A run shown to a person for confirmation: bound to that person, the runbook, the incident and the parameters the
/// confirmation showed, until <see cref="ExpiresAt"/>. Confirming consumes it, once.
/// </summary>
public sealed class PendingRunbookRun
{
    private PendingRunbookRun()
    {
    }

    public PendingRunbookRun(string runbookId, long? incidentId, IReadOnlyDictionary<string, string> parameters, string requestedBy, DateTimeOffset expiresAt)
    {
        Id = Guid.NewGuid();
        RunbookId = runbookId;
        IncidentId = incidentId;
        Parameters = new Dictionary<string, string>(parameters);
        RequestedBy = requestedBy;
        ExpiresAt = expiresAt;
    }

    /// <summary>Random, so a confirmation cannot be guessed; the Run button carries it.</summary>
    public Guid Id { get; private set; }

    public string RunbookId { get; private set; } = "";

    public long? IncidentId { get; private set; }

    public Dictionary<string, string> Parameters { get; private set; } = [];

    /// <summary>The Slack user id of the person who asked; only they may confirm.</summary>
    public string RequestedBy { get; private set; } = "";

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? ConsumedAt { get; private set; }
}
