namespace ChatOpsIncidents.Core.Slos;

/// <summary>
/// The SLO whose burn-rate alert opened an incident, and its error budget as read when the incident opened and when it was
/// resolved, so the card and the postmortem show them from stored data. Reading Prometheus is work for later
/// (<see cref="IncidentSloReadings"/>): <see cref="ReadingDueAt"/> says a reading is wanted, and is the concurrency token that
/// lets one replica take it.
/// </summary>
public sealed class IncidentSlo
{
    private IncidentSlo()
    {
    }

    internal IncidentSlo(Slo slo, DateTimeOffset readingDueAt)
    {
        SloId = slo.Id;
        Objective = slo.Objective;
        ReadingDueAt = readingDueAt;
    }

    /// <summary>Sloth's id of the SLO, <c>&lt;service&gt;-&lt;name&gt;</c>.</summary>
    public string SloId { get; private set; } = "";

    /// <summary>The objective in percent when the incident opened.</summary>
    public double Objective { get; private set; }

    /// <summary>When a reading of the budget is wanted; null while none is.</summary>
    public DateTimeOffset? ReadingDueAt { get; private set; }

    /// <summary>The budget when the incident opened; null until read.</summary>
    public SloReading? AtOpen { get; private set; }

    /// <summary>The budget when the incident was last resolved; null until read.</summary>
    public SloReading? AtResolve { get; private set; }

    /// <summary>The latest reading, or null before the first.</summary>
    public SloReading? Latest => AtResolve ?? AtOpen;

    /// <summary>How much of the period's budget the incident used, from opening to resolution; null until both are known.</summary>
    public double? BudgetConsumed => AtOpen?.BudgetRemaining - AtResolve?.BudgetRemaining;

    /// <summary>Asks for a reading at <paramref name="at"/>. Moving the due time on also makes a reading taken meanwhile, of the state before, fail to store.</summary>
    internal void ReadingWanted(DateTimeOffset at) => ReadingDueAt = at;

    /// <summary>Keeps <paramref name="reading"/> as the reading at opening (the first) and, once resolved, at resolution.</summary>
    internal void Record(SloReading reading, bool resolved)
    {
        AtOpen ??= reading;
        if (resolved)
        {
            AtResolve = reading;
        }
        ReadingDueAt = null;
    }
}
