namespace ChatOpsIncidents.Core.OnCall;

/// <summary><see cref="User"/> is on call instead of the layers from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).</summary>
public sealed class OnCallOverride
{
    public string User { get; set; } = "";

    public DateTimeOffset From { get; set; }

    public DateTimeOffset To { get; set; }
}
