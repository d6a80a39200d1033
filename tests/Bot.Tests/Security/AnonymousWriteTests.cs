using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using ChatOpsIncidents.Bot.Security;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 15, finding 1: with <c>Alertmanager:BearerToken</c> and <c>Api:Token</c> unset, <c>POST /webhooks/alertmanager</c>
/// and <c>POST /api/incidents</c> accepted anyone, and the start-up log said nothing.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class AnonymousWriteTests : IDisposable
{
    /// <summary>No token set and anonymous access not asked for: what a fresh install has.</summary>
    private static readonly Dictionary<string, string?> s_noTokens = new()
    {
        ["Alertmanager:AllowAnonymous"] = "false",
        ["Api:AllowAnonymous"] = "false",
    };

    private readonly string _data = Path.Combine(Directory.CreateTempSubdirectory("bot-tokens-").FullName, "data");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string TokenFile => Path.Combine(_data, "access-tokens");

    [Fact]
    public async Task With_no_token_set_the_webhook_and_the_api_refuse_anyone_without_one_and_store_nothing()
    {
        await using BotHost bot = Bot(s_noTokens);

        HttpResponseMessage webhook = await bot.PostWebhookAsync(Payloads.Firing);
        HttpResponseMessage declared = await bot.CreateClient().PostAsJsonAsync("/api/incidents", new { title = "Checkout is down" }, Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (webhook.StatusCode, declared.StatusCode));
        Assert.Contains("ALERTMANAGER_TOKEN", (await webhook.Content.ReadFromJsonAsync<ProblemDetails>(Ct))?.Detail, StringComparison.Ordinal);
        Assert.Contains("API_TOKEN", (await declared.Content.ReadFromJsonAsync<ProblemDetails>(Ct))?.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
    }

    [Fact]
    public async Task The_first_start_generates_the_tokens_into_a_0600_file_in_the_data_folder_logs_its_path_never_a_token_and_later_starts_keep_them()
    {
        var logs = new CapturedLogs();
        await using (BotHost first = Bot(s_noTokens, logs))
        {
            _ = first.CreateClient();
        }
        Dictionary<string, string> tokens = ReadTokens();
        await using BotHost second = Bot(s_noTokens);

        HttpResponseMessage webhook = await second.PostWebhookAsync(Payloads.Firing, tokens["ALERTMANAGER_TOKEN"]);
        HttpResponseMessage declared = await PostWithTokenAsync(second, tokens["API_TOKEN"]);
        HttpResponseMessage wrongSide = await second.PostWebhookAsync(Payloads.Firing, tokens["API_TOKEN"]);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenFile));
        Assert.Equal(64, tokens["ALERTMANAGER_TOKEN"].Length);
        Assert.NotEqual(tokens["ALERTMANAGER_TOKEN"], tokens["API_TOKEN"]);
        Assert.Contains(logs.Entries, entry => entry.Message.Contains(Path.GetFullPath(TokenFile), StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => tokens.Values.Any(token => entry.Message.Contains(token, StringComparison.Ordinal)));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Unauthorized), (webhook.StatusCode, declared.StatusCode, wrongSide.StatusCode));
        Assert.Equal("default", (await second.GetIncidentAsync("INC-2")).Timeline.Single().Actor);
    }

    [Fact]
    public async Task Configured_tokens_are_used_and_nothing_is_generated()
    {
        await using BotHost bot = Bot(new() { ["Alertmanager:BearerToken"] = "am-s3cret-token", ["Api:Tokens:ci"] = "ci-s3cret-token" });

        HttpResponseMessage webhook = await bot.PostWebhookAsync(Payloads.Firing, "am-s3cret-token");
        HttpResponseMessage declared = await PostWithTokenAsync(bot, "ci-s3cret-token");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Created), (webhook.StatusCode, declared.StatusCode));
        Assert.False(File.Exists(TokenFile));
    }

    [Fact]
    public async Task Anonymous_writes_are_taken_only_when_a_setting_says_so_and_every_start_warns_of_them()
    {
        var logs = new CapturedLogs();
        await using BotHost bot = Bot(new() { ["Alertmanager:AllowAnonymous"] = "true", ["Api:AllowAnonymous"] = "true" }, logs);

        HttpResponseMessage webhook = await bot.PostWebhookAsync(Payloads.Firing);
        HttpResponseMessage declared = await bot.CreateClient().PostAsJsonAsync("/api/incidents", new { title = "Checkout is down" }, Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Created), (webhook.StatusCode, declared.StatusCode));
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.StartsWith("Alertmanager:AllowAnonymous is true", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.StartsWith("Api:AllowAnonymous is true", StringComparison.Ordinal));
        Assert.False(File.Exists(TokenFile));
    }

    [Fact]
    public async Task Replicas_starting_at_the_same_moment_all_take_the_same_generated_tokens()
    {
        using var start = new Barrier(16);
        AccessTokenFile[] read = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(Ct);
            return AccessTokenFile.ReadOrCreate(_data);
        }, Ct)));

        Assert.Single(read.Select(file => (file.AlertmanagerToken, file.ApiToken)).Distinct());
        Assert.Equal([TokenFile], Directory.GetFiles(_data));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_data)!, recursive: true);
    }

    private BotHost Bot(Dictionary<string, string?> settings, CapturedLogs? logs = null) => new(
        new(settings) { ["Database:SqlitePath"] = Path.Combine(_data, "incidents.db") },
        services: services =>
        {
            if (logs is not null)
            {
                services.AddSingleton<ILoggerProvider>(logs);
            }
        });

    private static async Task<HttpResponseMessage> PostWithTokenAsync(BotHost bot, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = JsonContent.Create(new { title = "Checkout is down" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await bot.CreateClient().SendAsync(request, Ct);
    }

    /// <summary>The file as a shell would source it: NAME=value lines.</summary>
    private Dictionary<string, string> ReadTokens() => File.ReadLines(TokenFile)
        .Where(line => line.Contains('=', StringComparison.Ordinal) && !line.StartsWith('#'))
        .Select(line => line.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
}
