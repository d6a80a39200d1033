namespace ChatOpsIncidents.Bot.Slos;

public sealed class PrometheusOptions
{
    public const string Section = "Prometheus";

    /// <summary>Where Prometheus' HTTP API is, such as http://prometheus:9090/. Empty: SLO budgets are unknown.</summary>
    public string Url { get; set; } = "";

    /// <summary>How long one query may take; after that the figures are unknown.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public Uri? BaseAddress => Uri.TryCreate(Url, UriKind.Absolute, out Uri? url)
        ? new Uri(url.AbsoluteUri.EndsWith('/') ? url.AbsoluteUri : url.AbsoluteUri + "/")
        : null;
}
