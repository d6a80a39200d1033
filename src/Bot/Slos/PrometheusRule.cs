namespace ChatOpsIncidents.Bot.Slos;

/// <summary>A recording rule (<see cref="Record"/> set) or an alerting rule (<see cref="Alert"/> set), as Prometheus' rule files hold them.</summary>
internal sealed record PrometheusRule(string? Record, string? Alert, string Expr, IReadOnlyDictionary<string, string> Labels)
{
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public static PrometheusRule Recording(string record, string expr, IReadOnlyDictionary<string, string> labels) => new(record, null, expr, labels);

    public static PrometheusRule Alerting(string alert, string expr, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations) =>
        new(null, alert, expr, labels) { Annotations = annotations };
}
