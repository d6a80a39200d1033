using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChatOpsIncidents.TestSupport;

/// <summary>
/// A real Prometheus on a free 127.0.0.1 port, with an empty TSDB in a temporary folder and nothing to scrape, into which
/// tests backfill history with promtool (<see cref="BackfillAsync"/>, <see cref="BackfillRulesAsync"/>). The binary is
/// <c>PROMETHEUS_BIN</c>, else <c>prometheus</c> on PATH (Debian package <c>prometheus</c>, which also brings promtool);
/// without one the test is skipped (failed under CI=true).
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan s_waitLimit = TimeSpan.FromSeconds(30);
    private readonly string _binary;
    private readonly string _rootDirectory;
    private readonly StringBuilder _log = new();
    private readonly HttpClient _http;
    private Process? _process;

    private PrometheusServer(string binary, string rootDirectory, int port)
    {
        _binary = binary;
        _rootDirectory = rootDirectory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = BaseAddress, Timeout = s_waitLimit };
    }

    /// <summary>Where Prometheus listens, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Everything Prometheus wrote to stdout and stderr so far, across restarts.</summary>
    public string Log => ProcessRunner.Read(_log);

    private string DataDirectory => Path.Combine(_rootDirectory, "data");

    /// <summary>Starts Prometheus (retention 400 days, so backfilled history stays) and waits up to 30 s for <c>GET /-/ready</c>.</summary>
    public static async Task<PrometheusServer> StartAsync(CancellationToken cancellationToken)
    {
        string? binary = Executables.FromEnvironmentOrPath("PROMETHEUS_BIN", "prometheus");
        if (binary is null || !Executables.IsExecutable(binary))
        {
            RealServers.Unavailable("Prometheus not found: install the Debian package prometheus, or set PROMETHEUS_BIN to the binary");
        }
        string rootDirectory = Directory.CreateTempSubdirectory("chatops-prometheus-").FullName;
        await File.WriteAllTextAsync(Path.Combine(rootDirectory, "prometheus.yml"), "global:\n  evaluation_interval: 1m\n", cancellationToken);
        for (int attempt = 1; ; attempt++)
        {
            var server = new PrometheusServer(binary, rootDirectory, FreePort.Next());
            try
            {
                await server.RunAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.Log.Contains("address already in use", StringComparison.Ordinal))
            {
                await server.StopAsync(); // the free port was taken before Prometheus bound it; try another
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Backfills samples with <c>promtool tsdb create-blocks-from openmetrics</c>: OpenMetrics text, every sample with its
    /// Unix-seconds timestamp, ending with <c># EOF</c>. Restarts Prometheus so it loads the blocks at once.
    /// </summary>
    public async Task BackfillAsync(string openMetrics, CancellationToken cancellationToken)
    {
        string file = Path.Combine(_rootDirectory, "history.om");
        await File.WriteAllTextAsync(file, openMetrics, cancellationToken);
        await LoadBlocksAsync(blocks => ["tsdb", "create-blocks-from", "openmetrics", file, blocks], cancellationToken);
    }

    /// <summary>
    /// Records the recording rules of <paramref name="ruleFileYaml"/> over the stored history with <c>promtool tsdb
    /// create-blocks-from rules</c>, which reads the history through this server's API. Rules in one promtool run cannot see
    /// each other's output, so they run in layers (<see cref="RecordingRuleLayers"/>, all from one file so they are evaluated
    /// at the same instants), Prometheus restarting after each to load the new blocks. The first layer, which reads raw
    /// series, is recorded every minute from <paramref name="from"/> to <paramref name="to"/> (rules such as Sloth's 30-day
    /// ratio average its history); the later layers only over the last 10 minutes before <paramref name="to"/>.
    /// </summary>
    public async Task BackfillRulesAsync(string ruleFileYaml, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> layers = RecordingRuleLayers.Split(ruleFileYaml);
        string file = Path.Combine(_rootDirectory, "backfill.yml");
        for (int i = 0; i < layers.Count; i++)
        {
            await File.WriteAllTextAsync(file, layers[i], cancellationToken);
            DateTimeOffset start = i == 0 ? from : to - TimeSpan.FromMinutes(10);
            await LoadBlocksAsync(
                blocks =>
                [
                    "tsdb", "create-blocks-from", "rules", $"--url={BaseAddress}", $"--start={start.ToUnixTimeSeconds()}",
                    $"--end={to.ToUnixTimeSeconds()}", "--eval-interval=1m", $"--output-dir={blocks}", file,
                ],
                cancellationToken);
        }
    }

    /// <summary>The values of the series <paramref name="query"/> returns at <paramref name="time"/>; throws when Prometheus refuses it.</summary>
    public async Task<IReadOnlyList<double>> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent([new("query", query), new("time", time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))]);
        using HttpResponseMessage response = await _http.PostAsync(new Uri("api/v1/query", UriKind.Relative), form, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Prometheus refused {query}: {body}");
        }
        using JsonDocument answer = JsonDocument.Parse(body);
        return [.. answer.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(series => double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture))];
    }

    /// <summary>The value of the one series <paramref name="query"/> returns at <paramref name="time"/>.</summary>
    public async Task<double> QueryValueAsync(string query, DateTimeOffset time, CancellationToken cancellationToken)
    {
        IReadOnlyList<double> values = await QueryAsync(query, time, cancellationToken);
        return values.Count == 1 ? values[0] : throw new InvalidOperationException($"{query} at {time:O} gave {values.Count} series, not one.");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_rootDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover folder in the temp directory is not worth failing a test for.
        }
    }

    /// <summary>Runs promtool to write blocks, moves them into the TSDB and restarts Prometheus, which then serves them.</summary>
    private async Task LoadBlocksAsync(Func<string, string[]> promtoolArguments, CancellationToken cancellationToken)
    {
        string output = Path.Combine(_rootDirectory, "blocks");
        Directory.CreateDirectory(output);
        string[] arguments = promtoolArguments(output);
        (int exitCode, string log) = await PrometheusTools.PromtoolAsync(arguments, _rootDirectory, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"promtool {string.Join(' ', arguments)} failed (exit code {exitCode}):\n{log}");
        }
        await StopAsync();
        foreach (string block in Directory.GetDirectories(output))
        {
            Directory.Move(block, Path.Combine(DataDirectory, Path.GetFileName(block)));
        }
        await RunAsync(cancellationToken);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        ProcessRunner.Append(_log, $"--- starting Prometheus on {BaseAddress} ---");
        _process = ProcessRunner.Start(
            _binary,
            [
                $"--config.file={Path.Combine(_rootDirectory, "prometheus.yml")}",
                $"--storage.tsdb.path={DataDirectory}",
                "--storage.tsdb.retention.time=400d",
                $"--web.listen-address={BaseAddress.Authority}",
            ],
            _rootDirectory,
            _log);
        await new ReadinessProbe("Prometheus", _process, _http, new Uri("-/ready", UriKind.Relative), TimeSpan.FromSeconds(2), s_waitLimit)
            .WaitAsync(() => Log, cancellationToken);
    }

    private async Task StopAsync()
    {
        if (_process is not null)
        {
            await ProcessRunner.StopAsync(_process);
            _process = null;
        }
    }
}
