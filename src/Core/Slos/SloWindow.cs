namespace ChatOpsIncidents.Core.Slos;

/// <summary>A window over which an SLO's error ratio is recorded, named the way Prometheus writes durations.</summary>
public sealed record SloWindow(string Name, TimeSpan Length)
{
    public static readonly SloWindow FiveMinutes = new("5m", TimeSpan.FromMinutes(5));
    public static readonly SloWindow ThirtyMinutes = new("30m", TimeSpan.FromMinutes(30));
    public static readonly SloWindow OneHour = new("1h", TimeSpan.FromHours(1));
    public static readonly SloWindow TwoHours = new("2h", TimeSpan.FromHours(2));
    public static readonly SloWindow SixHours = new("6h", TimeSpan.FromHours(6));
    public static readonly SloWindow OneDay = new("1d", TimeSpan.FromDays(1));
    public static readonly SloWindow ThreeDays = new("3d", TimeSpan.FromDays(3));

    /// <summary>The SLO period, Sloth's default: the error budget is spent over 30 days.</summary>
    public static readonly SloWindow Period = new("30d", TimeSpan.FromDays(30));

    /// <summary>The windows the burn-rate alerts read, then the period.</summary>
    public static readonly IReadOnlyList<SloWindow> All = [FiveMinutes, ThirtyMinutes, OneHour, TwoHours, SixHours, OneDay, ThreeDays, Period];

    /// <summary>The current burn rate is the one over the shortest window.</summary>
    public static SloWindow Current => FiveMinutes;
}
