using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Metrics;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Deploy;

/// <summary>What deploy/ and the Dockerfile ship, checked with the real tools and against the real bot.</summary>
public sealed partial class DeployConfigurationTests
{
    private static readonly string s_root = Repository.Root;
    private static readonly string s_deploy = Path.Combine(s_root, "deploy");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] RuleFiles => Directory.GetFiles(Path.Combine(s_deploy, "prometheus", "rules"), "*.yml").Order(StringComparer.Ordinal).ToArray();

    private static string[] BotRuleFiles => [.. new[] { "chatops-incidents.yml", "chatops-incidents-slos.yml" }.Select(name => Path.Combine(s_deploy, "prometheus", "rules", name))];

    private static string Dashboard => Path.Combine(s_deploy, "grafana", "chatops-incidents.json");

    [Fact]
    public async Task The_alert_rules_pass_promtool_check_rules()
    {
        Assert.Equal(4, RuleFiles.Length);
        (int exitCode, string output) = await PrometheusTools.PromtoolAsync(["check", "rules", .. RuleFiles], s_deploy, Ct);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task The_alert_rules_pass_their_unit_tests()
    {
        string[] tests = Directory.GetFiles(Path.Combine(s_deploy, "prometheus", "tests"), "*.test.yml").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(RuleFiles.Length, tests.Length);

        (int exitCode, string output) = await PrometheusTools.PromtoolAsync(["test", "rules", .. tests], s_deploy, Ct);

        Assert.True(exitCode == 0, output);
        Assert.Equal(tests.Length, Regex.Count(output, "SUCCESS"));
    }

    [Fact]
    public async Task The_Alertmanager_example_passes_amtool_and_routes_alerts_and_the_Watchdog_heartbeat_to_the_bot_but_the_bots_own_health_around_it()
    {
        string config = Path.Combine(s_deploy, "alertmanager", "alertmanager.yml");

        (int checkExit, string checkOutput) = await PrometheusTools.AmtoolAsync(["check-config", config], s_deploy, Ct);
        (int _, string serviceAlert) = await PrometheusTools.AmtoolAsync(
            ["config", "routes", "test", $"--config.file={config}", "alertname=KubePodCrashLooping", "severity=critical"], s_deploy, Ct);
        (int _, string botAlert) = await PrometheusTools.AmtoolAsync(
            ["config", "routes", "test", $"--config.file={config}", "alertname=ChatOpsIncidentsDown", "component=chatops-incidents"], s_deploy, Ct);

        (int _, string tree) = await PrometheusTools.AmtoolAsync(["config", "routes", "show", $"--config.file={config}"], s_deploy, Ct);

        Assert.True(checkExit == 0, checkOutput);
        Assert.Equal("incident-bot", LastLine(serviceAlert));
        Assert.Equal("chatops-incidents-health", LastLine(botAlert));
        Assert.Contains("{alertname=\"Watchdog\"}  receiver: incident-bot", tree, StringComparison.Ordinal);
        string yaml = await File.ReadAllTextAsync(config, Ct);
        Assert.Contains("url: http://chatops-incidents.chatops-incidents.svc:8080/webhooks/alertmanager", yaml, StringComparison.Ordinal);
        Assert.Contains("type: Bearer", yaml, StringComparison.Ordinal);
        Assert.Matches(@"alertname = ""Watchdog""\s+group_by: \['alertname'\]\s+group_wait: 0s\s+group_interval: 1m\s+repeat_interval: 1m", yaml); // a heartbeat a minute
    }

    [Theory]
    [InlineData("chatops-incidents.json", "chatops-incidents")]
    [InlineData("slos.json", "chatops-incidents-slos")]
    public async Task The_dashboards_are_Grafana_JSON_with_a_query_in_every_panel(string file, string uid)
    {
        JsonNode dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(s_deploy, "grafana", file), Ct))!;

        JsonArray panels = dashboard["panels"]!.AsArray();
        Assert.Equal(uid, dashboard["uid"]!.GetValue<string>());
        Assert.All(panels.Where(p => p!["type"]!.GetValue<string>() != "row"), panel =>
        {
            Assert.NotEmpty(panel!["targets"]!.AsArray());
            Assert.All(panel["targets"]!.AsArray(), target => Assert.False(string.IsNullOrWhiteSpace(target!["expr"]!.GetValue<string>())));
        });
        Assert.Equal(panels.Count, panels.Select(p => p!["id"]!.GetValue<int>()).Distinct().Count());
    }

    /// <summary>A rename breaks this test instead of a dashboard or an alert.</summary>
    [Fact]
    public async Task Every_bot_metric_the_alert_rules_and_the_dashboard_name_is_in_a_real_scrape()
    {
        IReadOnlySet<string> families = Scrape.FamilyNames((await ScrapedLifecycle.RunAsync()).Exposition);
        string named = string.Concat(await Task.WhenAll(BotRuleFiles.Select(file => File.ReadAllTextAsync(file, Ct))))
            + await File.ReadAllTextAsync(Dashboard, Ct);

        string[] missing = BotMetricName().Matches(named)
            .Select(match => match.Value)
            .Distinct(StringComparer.Ordinal)
            .Where(name => !families.Contains(name) && !(HistogramSeries().Match(name) is { Success: true } series && families.Contains(series.Groups[1].Value)))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(missing.Length == 0, $"Named by deploy/ but not served by the bot: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task The_Dockerfile_health_check_passes_against_a_running_bot_without_curl_and_fails_without_one()
    {
        string dockerfile = await File.ReadAllTextAsync(Path.Combine(s_root, "Dockerfile"), Ct);
        string[] command = JsonSerializer.Deserialize<string[]>(HealthCheckCommand().Match(dockerfile.Replace("\\\n", "", StringComparison.Ordinal)).Groups[1].Value)!;
        Assert.Matches(@"(?m)^USER \$APP_UID$", dockerfile);
        Assert.Matches(@"(?m)^VOLUME /data$", dockerfile);
        await using var bot = new BotHost();
        bot.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        bot.StartServer();

        (int healthy, string output) = await RunWithPortAsync(command, bot.ClientOptions.BaseAddress.Port);
        (int unreachable, _) = await RunWithPortAsync(command, FreePort.Next());

        Assert.True(healthy == 0, $"The health check failed against a running bot: {output}");
        Assert.NotEqual(0, unreachable);
    }

    [Fact]
    public async Task The_Kubernetes_deployment_runs_as_the_chatops_incidents_account_non_root_probed_and_scraped()
    {
        string deployment = await File.ReadAllTextAsync(Path.Combine(s_deploy, "kubernetes", "deployment.yaml"), Ct);
        string service = await File.ReadAllTextAsync(Path.Combine(s_deploy, "kubernetes", "service.yaml"), Ct);
        string secret = await File.ReadAllTextAsync(Path.Combine(s_deploy, "kubernetes", "secret.example.yaml"), Ct);

        Assert.Matches(@"serviceAccountName: chatops-incidents\b", deployment);
        Assert.Contains("runAsNonRoot: true", deployment, StringComparison.Ordinal);
        Assert.Matches(@"livenessProbe:\s+httpGet:\s+path: /healthz", deployment);
        Assert.Matches(@"readinessProbe:\s+httpGet:\s+path: /readyz", deployment);
        Assert.Matches(@"containerPort: 8080\b", deployment);
        Assert.Matches(@"mountPath: /data\b", deployment);
        Assert.All(new[] { deployment, service }, manifest => Assert.Contains("prometheus.io/scrape: \"true\"", manifest, StringComparison.Ordinal));
        MatchCollection secretValues = SecretValue().Matches(secret[secret.IndexOf("stringData:", StringComparison.Ordinal)..]);
        Assert.NotEmpty(secretValues);
        Assert.All(secretValues, value => Assert.Contains("REPLACE-ME", value.Groups[1].Value, StringComparison.Ordinal));
    }

    private static Task<(int ExitCode, string Output)> RunWithPortAsync(string[] command, int port) =>
        ProcessRunner.RunAsync("/usr/bin/env", [$"ASPNETCORE_HTTP_PORTS={port}", .. command], s_root, TimeSpan.FromSeconds(30), Ct);

    private static string LastLine(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Last(line => !line.StartsWith("Warning:", StringComparison.Ordinal));

    /// <summary>Names of the bot's own metrics and ASP.NET Core's it exports; services' metrics (SLO examples) are not the bot's.</summary>
    [GeneratedRegex(@"\b(?:chatops|http_server|kestrel)_[a-z0-9_]+")]
    private static partial Regex BotMetricName();

    [GeneratedRegex("^(.+)_(?:bucket|sum|count)$")]
    private static partial Regex HistogramSeries();

    [GeneratedRegex(@"(?m)^HEALTHCHECK .*?CMD (\[.*\])\s*$")]
    private static partial Regex HealthCheckCommand();

    [GeneratedRegex(@"(?m)^  [A-Za-z_]+: (.+)$")]
    private static partial Regex SecretValue();
}
