namespace ChatOpsIncidents.Bot.Maintenance;

/// <summary>Body of POST /api/maintenance: <c>{"matchers":{"service":"checkout"},"startsAt":"2026-12-08T22:00:00+01:00","duration":"2h","reason":"database upgrade"}</c>.</summary>
/// <param name="Matchers">Label equalities, name to value: the alerts the window holds back.</param>
/// <param name="StartsAt">ISO 8601 with its offset (<c>Z</c> or <c>+01:00</c>); absent: now.</param>
/// <param name="Duration">As silences take it: <c>30m</c>, <c>4h</c>, <c>2d</c> (at most 7d).</param>
/// <param name="By">Whom the client says it acts for (unverified), beside its token's name as who made the window.</param>
public sealed record MaintenanceWindowRequest(Dictionary<string, string?>? Matchers, string? StartsAt, string? Duration, string? Reason, string? By);
