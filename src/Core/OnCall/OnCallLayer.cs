namespace ChatOpsIncidents.Core.OnCall;

/// <summary>
/// A rotation: <see cref="Participants"/> take turns of <see cref="RotationDays"/> days (or <see cref="RotationHours"/>
/// hours), the first turn starting on <see cref="StartDate"/> at <see cref="HandoffTime"/> (the schedule's local time).
/// Turns are measured in wall-clock time, so handoffs stay at the same local times across DST changes. Before the first
/// turn, the layer has nobody.
/// </summary>
public sealed class OnCallLayer
{
    public string[] Participants { get; set; } = [];

    public int RotationDays { get; set; } = 7;

    /// <summary>Turns shorter than a day, such as 12 for follow-the-sun shifts; when above 0, used instead of <see cref="RotationDays"/>.</summary>
    public int RotationHours { get; set; }

    /// <summary>How long one turn is, in wall-clock time.</summary>
    public TimeSpan Turn => RotationHours > 0 ? TimeSpan.FromHours(RotationHours) : TimeSpan.FromDays(RotationDays);

    public TimeOnly HandoffTime { get; set; } = new(9, 0);

    public DateOnly StartDate { get; set; } = new(2026, 1, 5);
}
