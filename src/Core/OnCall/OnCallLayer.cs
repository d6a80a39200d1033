namespace ChatOpsIncidents.Core.OnCall;

/// <summary>
/// A rotation: <see cref="Participants"/> take turns of <see cref="RotationDays"/> days, the first turn starting on
/// <see cref="StartDate"/> at <see cref="HandoffTime"/> (the schedule's local time). Before that, the layer has nobody.
/// </summary>
public sealed class OnCallLayer
{
    public string[] Participants { get; set; } = [];

    public int RotationDays { get; set; } = 7;

    public TimeOnly HandoffTime { get; set; } = new(9, 0);

    public DateOnly StartDate { get; set; } = new(2026, 1, 5);
}
