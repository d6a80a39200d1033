namespace ChatOpsIncidents.Core.OnCall;

/// <summary>
/// One schedule: layers of rotation, each contributing its current participant, and overrides that replace
/// everyone for a while. Handoffs happen at a wall-clock time in <see cref="TimeZone"/>, so they stay at 09:00 across DST changes.
/// </summary>
public sealed class OnCallSchedule
{
    /// <summary>An IANA time zone id such as "Europe/Berlin".</summary>
    public string TimeZone { get; set; } = "UTC";

    public List<OnCallLayer> Layers { get; set; } = [];

    public List<OnCallOverride> Overrides { get; set; } = [];
}
