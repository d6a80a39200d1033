namespace ChatOpsIncidents.Core.DueWork;

/// <summary>
/// What waking <paramref name="Work"/> (due at <paramref name="DueAt"/>) did: it <paramref name="Fired"/>, starting the other
/// due work <paramref name="Started"/> (the escalation of an incident it opened), or it was not due yet.
/// </summary>
internal sealed record DueWorkFiring(IDueWork Work, DateTimeOffset DueAt, bool Fired, IReadOnlyList<IDueWork> Started);
