namespace ChatOpsIncidents.Core.Slos;

/// <summary>
/// The names Sloth gives SLO rules and their labels. The generated rules keep them, so Grafana dashboards made for Sloth
/// work, and the bot reads its budget and burn figures back through them.
/// </summary>
public static class SlothNames
{
    public const string IdLabel = "sloth_id";
    public const string ServiceLabel = "sloth_service";
    public const string SloLabel = "sloth_slo";
    public const string WindowLabel = "sloth_window";
    public const string SeverityLabel = "sloth_severity";

    /// <summary>The recorded error ratio of an SLO over a window: <c>slo:sli_error:ratio_rate5m</c>.</summary>
    public static string ErrorRatio(SloWindow window) => $"slo:sli_error:ratio_rate{window.Name}";

    public static string SeverityValue(SloSeverity severity) => severity == SloSeverity.Page ? "page" : "ticket";
}
