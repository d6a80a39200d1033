namespace ChatOpsIncidents.Core.Slos;

/// <summary>Prometheus' query API, where the SLO recording rules are read back.</summary>
public interface IPrometheusQueries
{
    /// <summary>
    /// Evaluates <paramref name="query"/> at <paramref name="time"/> and returns its instant vector. Throws
    /// <see cref="PrometheusQueryException"/> when Prometheus is not configured, cannot be reached, takes too long or refuses the query.
    /// </summary>
    Task<IReadOnlyList<PrometheusSample>> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken);
}
