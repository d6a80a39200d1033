namespace ChatOpsIncidents.Bot.Grafana;

public sealed class GrafanaOptions
{
    public const string Section = "Grafana";

    /// <summary>
    /// The webhook contact point's HMAC secret: when set, a delivery must carry <c>X-Grafana-Alerting-Signature</c>, the hex
    /// HMAC-SHA256 of the body under it (of "timestamp:body" when Grafana also sends <c>X-Grafana-Alerting-Timestamp</c>).
    /// </summary>
    public string? SigningSecret { get; set; }
}
