namespace ChatOpsIncidents.Core.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How long a dispatcher may work on one incident before another replica may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a dispatcher looks for undelivered changes when it has nothing to do.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Most timeline entries delivered per claim, so one busy incident cannot starve the others. Alert changes between them
    /// do not count: chat hears many of them in one line.
    /// </summary>
    public int BatchSize { get; set; } = 20;
}
