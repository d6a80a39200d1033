using System.Globalization;
using System.Text.Json;
using ChatOpsIncidents.Core.Slos;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>
/// Instant queries against Prometheus' HTTP API (<c>POST /api/v1/query</c>, form-encoded, so long queries fit) on
/// <c>Prometheus:Url</c>, each limited to <c>Prometheus:Timeout</c>. Every way of not getting an instant vector becomes a
/// <see cref="PrometheusQueryException"/> saying why; the address in messages never carries credentials.
/// </summary>
internal sealed class PrometheusClient(HttpClient http, IOptions<PrometheusOptions> options) : IPrometheusQueries
{
    /// <summary>An SLO query answers a few series per SLO; anything near this is not such an answer.</summary>
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    public async Task<IReadOnlyList<PrometheusSample>> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is not { } server)
        {
            throw new PrometheusQueryException("Prometheus:Url is not set.");
        }
        string where = $"Prometheus at {server.Scheme}://{server.Authority}";
        using var form = new FormUrlEncodedContent(
        [
            new("query", query),
            new("time", (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)),
        ]);
        try
        {
            using HttpResponseMessage response = await http.PostAsync(new Uri("api/v1/query", UriKind.Relative), form, cancellationToken);
            PrometheusResponse? answer = await ReadAsync(response, cancellationToken);
            return answer switch
            {
                { Status: "success", Data: { ResultType: "vector", Result: var result } } => Samples(result, where),
                { Status: "error" } => throw new PrometheusQueryException($"{where} refused the query ({answer.ErrorType}): {answer.Error}"),
                _ => throw new PrometheusQueryException($"{where} answered {(int)response.StatusCode} {response.ReasonPhrase} without an instant vector."),
            };
        }
        catch (HttpRequestException exception)
        {
            throw new PrometheusQueryException($"{where} cannot be reached: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PrometheusQueryException($"{where} did not answer within {options.Value.Timeout.TotalSeconds:0.###} s.", exception);
        }
    }

    private static async Task<PrometheusResponse?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(PrometheusJsonContext.Default.PrometheusResponse, cancellationToken);
        }
        catch (JsonException)
        {
            return null; // not Prometheus' JSON: a proxy's error page, say
        }
    }

    private static List<PrometheusSample> Samples(JsonElement result, string where)
    {
        try
        {
            return [.. (result.Deserialize(PrometheusJsonContext.Default.ListPrometheusVectorSample) ?? [])
                .Select(sample => new PrometheusSample(sample.Metric ?? [], Value(sample.Value)))];
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new PrometheusQueryException($"{where} answered an instant vector the bot cannot read: {exception.Message}", exception);
        }
    }

    /// <summary>The value of <c>[time, "value"]</c>; Prometheus writes infinities as "+Inf" and "-Inf".</summary>
    private static double Value(JsonElement[]? pair) => pair?[1].GetString() switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        { } text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        null => throw new FormatException("a sample has no value."),
    };
}
