using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Storms;

/// <summary>When many incidents open at once, one storm incident gathers them (see <see cref="StormService"/>).</summary>
public sealed class StormOptions
{
    public const string Section = "Storms";

    /// <summary>More than this many incidents opened from alerts within <see cref="Window"/> is a storm.</summary>
    public int Threshold { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The alert label the storm counts its incidents by, besides their severity.</summary>
    public string CorrelationLabel { get; set; } = "alertname";

    /// <summary>The least severe incident of a storm that still gets a channel of its own; less severe ones are threads in the storm's channel.</summary>
    public string OwnChannelsThrough { get; set; } = "SEV2";

    /// <summary><see cref="OwnChannelsThrough"/> read; validated at start.</summary>
    public Severity OwnChannelsThroughSeverity => SeverityText.TryParse(OwnChannelsThrough, out Severity severity) ? severity : Severity.Sev2;
}
