namespace ChatOpsIncidents.Core.Slos;

/// <summary>
/// A service level objective as Sloth's <c>prometheus/v1</c> spec defines it: the share of good events (or of good time) a
/// service promises over <see cref="SloWindow.Period"/>, its indicator, and the burn-rate alerts it asks for.
/// </summary>
/// <param name="Objective">The promise in percent, above 0 and below 100, such as 99.9.</param>
public sealed record Slo(string Service, string Name, double Objective, SloIndicator Indicator)
{
    /// <summary>Sloth's SLO id, <c>&lt;service&gt;-&lt;name&gt;</c>: the <c>sloth_id</c> label of its rules and alerts.</summary>
    public string Id => $"{Service}-{Name}";

    public string? Description { get; init; }

    /// <summary>The spec's labels (the file's, then the SLO's over them), put on every recording rule.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The page-level alert, or null when the spec disables it.</summary>
    public SloAlert? PageAlert { get; init; }

    /// <summary>The ticket-level alert, or null when the spec disables it.</summary>
    public SloAlert? TicketAlert { get; init; }

    /// <summary>The share of events that may fail over the period, as a ratio: 0.001 for 99.9%.</summary>
    public double ErrorBudget => (100 - Objective) / 100;

    public SloAlert? AlertOf(SloSeverity severity) => severity == SloSeverity.Page ? PageAlert : TicketAlert;
}
