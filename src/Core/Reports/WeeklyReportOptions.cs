namespace ChatOpsIncidents.Core.Reports;

/// <summary>The weekly report in the incidents channel: when it is posted, where, and the targets it holds the week's figures to.</summary>
public sealed class WeeklyReportOptions
{
    public const string Section = "WeeklyReport";

    public bool Enabled { get; set; } = true;

    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

    /// <summary>The time of day, in <see cref="TimeZone"/>.</summary>
    public TimeOnly Time { get; set; } = new(9, 0);

    /// <summary>A time zone id such as "Europe/Berlin".</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The chat channel; null or empty for the incidents channel (Slack:IncidentsChannel).</summary>
    public string? Channel { get; set; }

    /// <summary><see cref="Channel"/>, or null for the incidents channel.</summary>
    internal string? ChosenChannel => string.IsNullOrEmpty(Channel) ? null : Channel;

    public WeeklyReportTargets Targets { get; set; } = new();
}
