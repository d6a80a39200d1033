using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsIncidents.TestSupport;

/// <summary>
/// A real Alertmanager on a free 127.0.0.1 port (clustering off, or an HA pair: <see cref="StartPairAsync"/>), routing every alert to one webhook receiver,
/// <c>incident-bot</c>, grouped by alertname and namespace with 1 s group_wait and group_interval.
/// The binary is <c>ALERTMANAGER_BIN</c>, else <c>prometheus-alertmanager</c> or <c>alertmanager</c> on PATH; without one the
/// test is skipped (failed under CI=true).
/// </summary>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    private static readonly TimeSpan s_waitLimit = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly string _rootDirectory;
    private readonly HttpClient _http;

    private AlertmanagerServer(Process process, StringBuilder log, string rootDirectory, Uri baseAddress)
    {
        _process = process;
        _log = log;
        _rootDirectory = rootDirectory;
        BaseAddress = baseAddress;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress, Timeout = s_waitLimit };
    }

    /// <summary>Where Alertmanager listens, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Everything Alertmanager wrote to stdout and stderr so far.</summary>
    public string Log => ProcessRunner.Read(_log);

    /// <summary>
    /// Writes the configuration (checked with <c>amtool check-config</c> when amtool is installed), starts Alertmanager and
    /// waits up to 30 s for <c>GET /-/ready</c>. With <paramref name="bearerToken"/>, webhooks carry
    /// <c>Authorization: Bearer &lt;token&gt;</c>. Skips the test (fails it under CI=true) when Alertmanager is not installed.
    /// </summary>
    public static Task<AlertmanagerServer> StartAsync(Uri webhookUrl, string? bearerToken, CancellationToken cancellationToken) =>
        StartAsync(WebhookReceiver(webhookUrl, bearerToken), NoCluster, cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync(Uri, string?, CancellationToken)"/>, with the <c>incident-bot</c> receiver configured by
    /// <paramref name="receiverYaml"/>: its configs, one per line, indented as keys of the receiver (<c>"    pagerduty_configs:\n      - url: …"</c>).
    /// </summary>
    public static Task<AlertmanagerServer> StartWithReceiverAsync(string receiverYaml, CancellationToken cancellationToken) =>
        StartAsync(receiverYaml, NoCluster, cancellationToken);

    /// <summary>
    /// As <see cref="StartWithReceiverAsync(string, CancellationToken)"/>, sending each group again every
    /// <paramref name="repeatInterval"/> (whole seconds) while it fires, as a heartbeat's route does.
    /// </summary>
    public static Task<AlertmanagerServer> StartWithReceiverAsync(string receiverYaml, TimeSpan repeatInterval, CancellationToken cancellationToken) =>
        StartAsync(receiverYaml, NoCluster, repeatInterval, cancellationToken);

    /// <summary>Empty: no clustering, nothing bound beyond loopback.</summary>
    private static string[] NoCluster() => ["--cluster.listen-address="];

    /// <summary>
    /// Two Alertmanagers clustered on loopback as an HA pair (the second joins the first; then each gossips with the other),
    /// both delivering to <paramref name="webhookUrl"/>. <c>--cluster.peer-timeout=0s</c>: the second does not wait to learn
    /// whether the first delivered, so both deliver a group at the same moment, as a pair does when gossip is slower than the
    /// webhook. Each start attempt takes fresh ports, as a port found free may be taken before Alertmanager binds it.
    /// </summary>
    public static async Task<(AlertmanagerServer First, AlertmanagerServer Second)> StartPairAsync(Uri webhookUrl, CancellationToken cancellationToken)
    {
        int firstPort = 0;
        AlertmanagerServer first = await StartAsync(
            WebhookReceiver(webhookUrl, null), () => Clustered(firstPort = FreePort.Next(), peerPort: null), cancellationToken);
        try
        {
            return (first, await StartAsync(WebhookReceiver(webhookUrl, null), () => Clustered(FreePort.Next(), firstPort), cancellationToken));
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }
    }

    private static string[] Clustered(int port, int? peerPort) =>
    [
        $"--cluster.listen-address=127.0.0.1:{port}",
        $"--cluster.advertise-address=127.0.0.1:{port}",
        .. peerPort is { } peer ? [$"--cluster.peer=127.0.0.1:{peer}"] : Array.Empty<string>(),
        "--cluster.peer-timeout=0s",
        "--cluster.gossip-interval=50ms",
        "--cluster.pushpull-interval=1s",
    ];

    private static Task<AlertmanagerServer> StartAsync(string receiverYaml, Func<string[]> clusterArguments, CancellationToken cancellationToken) =>
        StartAsync(receiverYaml, clusterArguments, TimeSpan.FromHours(1), cancellationToken);

    private static async Task<AlertmanagerServer> StartAsync(
        string receiverYaml, Func<string[]> clusterArguments, TimeSpan repeatInterval, CancellationToken cancellationToken)
    {
        string? binary = Executables.FromEnvironmentOrPath("ALERTMANAGER_BIN", "prometheus-alertmanager", "alertmanager");
        if (binary is null || !Executables.IsExecutable(binary))
        {
            RealServers.Unavailable(
                "Alertmanager not found: install the Debian package prometheus-alertmanager, or set ALERTMANAGER_BIN to the binary");
        }

        string rootDirectory = Directory.CreateTempSubdirectory("chatops-am-").FullName;
        try
        {
            string configFile = Path.Combine(rootDirectory, "alertmanager.yml");
            await File.WriteAllTextAsync(configFile, Configuration(receiverYaml, repeatInterval), cancellationToken);
            await CheckConfigurationAsync(binary, configFile, rootDirectory, cancellationToken);
            for (int attempt = 1; ; attempt++)
            {
                AlertmanagerServer server = Launch(binary, configFile, rootDirectory, clusterArguments());
                try
                {
                    await server.WaitUntilReadyAsync(cancellationToken);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3 && server.Log.Contains("address already in use", StringComparison.Ordinal))
                {
                    // A port found free was taken before Alertmanager bound it; try fresh ones.
                    await server.StopAsync();
                }
                catch
                {
                    await server.StopAsync();
                    throw;
                }
            }
        }
        catch
        {
            DeleteFolder(rootDirectory);
            throw;
        }
    }

    /// <summary>Posts alerts to Alertmanager's API (<c>POST /api/v2/alerts</c>): a JSON array of postable alerts.</summary>
    public async Task PostAlertsAsync(string jsonArrayOfPostableAlerts, CancellationToken cancellationToken)
    {
        using var content = new StringContent(jsonArrayOfPostableAlerts, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _http.PostAsync(new Uri("api/v2/alerts", UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"Alertmanager answered POST /api/v2/alerts with {(int)response.StatusCode} {response.ReasonPhrase}: {body}",
                inner: null,
                response.StatusCode);
        }
    }

    /// <summary>Every silence Alertmanager holds (<c>GET /api/v2/silences</c>), expired ones included, as it answers them.</summary>
    public async Task<JsonArray> SilencesAsync(CancellationToken cancellationToken)
    {
        JsonNode? silences = await _http.GetFromJsonAsync<JsonNode>(new Uri("api/v2/silences", UriKind.Relative), cancellationToken);
        return silences?.AsArray() ?? throw new InvalidOperationException("Alertmanager answered GET /api/v2/silences with null.");
    }

    /// <summary>Kills the process and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        DeleteFolder(_rootDirectory);
    }

    private static string Configuration(string receiverYaml, TimeSpan repeatInterval) => $"""
        route:
          receiver: incident-bot
          group_by: ['alertname', 'namespace']
          group_wait: 1s
          group_interval: 1s
          repeat_interval: {(int)repeatInterval.TotalSeconds}s
        receivers:
          - name: incident-bot

        """ + receiverYaml;

    /// <summary>The <c>incident-bot</c> receiver's configs for one webhook (see <see cref="StartWithReceiverAsync(string, CancellationToken)"/>).</summary>
    public static string WebhookReceiver(Uri webhookUrl, string? bearerToken) => WebhookReceiver([webhookUrl], bearerToken);

    /// <summary>The <c>incident-bot</c> receiver's configs for a webhook at each of <paramref name="webhookUrls"/>: each gets every delivery.</summary>
    public static string WebhookReceiver(IReadOnlyList<Uri> webhookUrls, string? bearerToken)
    {
        ArgumentNullException.ThrowIfNull(webhookUrls);
        var yaml = new StringBuilder();
        yaml.Append("    webhook_configs:\n");
        foreach (Uri webhookUrl in webhookUrls)
        {
            yaml.Append("      - url: ").Append(Quote(webhookUrl.AbsoluteUri)).Append('\n');
            yaml.Append("        send_resolved: true\n");
            if (bearerToken is not null)
            {
                yaml.Append("        http_config:\n");
                yaml.Append("          authorization:\n");
                yaml.Append("            type: Bearer\n");
                yaml.Append("            credentials: ").Append(Quote(bearerToken)).Append('\n');
            }
        }
        return yaml.ToString();
    }

    /// <summary>A YAML single-quoted scalar: the only escape is '' for '.</summary>
    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static async Task CheckConfigurationAsync(string binary, string configFile, string rootDirectory, CancellationToken cancellationToken)
    {
        string besideBinary = Path.Combine(Executables.RealDirectory(binary), "amtool");
        string? amtool = Executables.IsExecutable(besideBinary) ? besideBinary : Executables.OnPath("amtool");
        if (amtool is null)
        {
            return;
        }
        (int exitCode, string output) = await ProcessRunner.RunAsync(
            amtool, ["check-config", configFile], rootDirectory, s_waitLimit, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"amtool check-config rejected {configFile} (exit code {exitCode}):\n{output}");
        }
    }

    private static AlertmanagerServer Launch(string binary, string configFile, string rootDirectory, string[] clusterArguments)
    {
        var port = FreePort.Next();
        var log = new StringBuilder();
        Process process = ProcessRunner.Start(
            binary,
            [
                $"--config.file={configFile}",
                $"--storage.path={Path.Combine(rootDirectory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                $"--web.external-url=http://127.0.0.1:{port}/", // else webhooks carry http://<hostname>:<port>
                .. clusterArguments,
                "--log.level=info",
            ],
            rootDirectory,
            log);
        return new AlertmanagerServer(process, log, rootDirectory, new Uri($"http://127.0.0.1:{port}/"));
    }

    private Task WaitUntilReadyAsync(CancellationToken cancellationToken) =>
        new ReadinessProbe("Alertmanager", _process, _http, new Uri("-/ready", UriKind.Relative), TimeSpan.FromSeconds(2), s_waitLimit)
            .WaitAsync(() => Log, cancellationToken);

    private async Task StopAsync()
    {
        _http.Dispose();
        await ProcessRunner.StopAsync(_process);
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover folder in the temp directory is not worth failing a test for.
        }
    }
}
