using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace ChatOpsIncidents.Bot.Tests.Slack.Requests;

/// <summary>
/// The real bot with Slack on, talking to the Slack stand-in (Web API) and to <see cref="RecordingResponseUrls"/>
/// (response_url), on a manual clock; requests to it are signed with <see cref="SignedSlackRequest.Secret"/>.
/// </summary>
public sealed class SlackBot : IAsyncDisposable
{
    public const string UserId = "U0ONCALL1";
    public const string UserName = "dana";
    public const string OtherUserId = "U0ALICE01";

    private int _commands;

    private SlackBot(ManualTimeProvider time, SlackStandIn slack, BotHost host, RecordingResponseUrls responseUrls, IIncidentChannelDirectory channels)
    {
        Time = time;
        Slack = slack;
        Host = host;
        ResponseUrls = responseUrls;
        Channels = channels;
    }

    public ManualTimeProvider Time { get; }

    public SlackStandIn Slack { get; }

    public BotHost Host { get; }

    public RecordingResponseUrls ResponseUrls { get; }

    /// <summary>A substitute: by default no channel belongs to an incident.</summary>
    public IIncidentChannelDirectory Channels { get; }

    /// <summary>A channel in the stand-in with the bot and <see cref="UserId"/> in it.</summary>
    public string OpsChannel { get; private set; } = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Starts the bot; with <paramref name="overSocket"/> it has no signing secret but an app-level token, and this returns once its
    /// Socket Mode connection said hello (the first <paramref name="silentSockets"/> then go silent).
    /// </summary>
    /// <param name="now">The clock's time; 2026-03-02 09:15 UTC unless given.</param>
    public static async Task<SlackBot> StartAsync(
        Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool overSocket = false, int silentSockets = 0,
        DateTimeOffset? now = null)
    {
        var time = new ManualTimeProvider(now ?? new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
        SlackStandIn slack = await SlackStandIn.StartAsync(time, Ct);
        slack.Workspace.AddUser(UserId, UserName, "Dana Example");
        slack.Workspace.AddUser(OtherUserId, "alice", "Alice Example");
        string incidents = slack.Workspace.AddChannel("incidents", UserId, OtherUserId);
        var responseUrls = new RecordingResponseUrls();
        IIncidentChannelDirectory channels = Substitute.For<IIncidentChannelDirectory>();
        channels.FindByChannelAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((IncidentKey?)null);
        var all = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = SlackStandIn.BotToken,
            ["Slack:SigningSecret"] = SignedSlackRequest.Secret,
            ["Slack:ApiBaseUrl"] = slack.BaseAddress.ToString(),
            ["Slack:IncidentsChannel"] = incidents,
        };
        if (overSocket)
        {
            all.Remove("Slack:SigningSecret");
            all["Slack:AppToken"] = SocketModeStandIn.AppToken;
        }
        foreach ((string key, string? value) in settings ?? [])
        {
            all[key] = value;
        }
        var host = new BotHost(all, time, registrations =>
        {
            registrations.AddSingleton(channels);
            registrations.AddHttpClient<SlackResponseUrlClient>().ConfigurePrimaryHttpMessageHandler(() => responseUrls);
            services?.Invoke(registrations);
        });
        var bot = new SlackBot(time, slack, host, responseUrls, channels) { OpsChannel = incidents };
        if (overSocket)
        {
            slack.SocketMode.MakeNextSocketsSilent(silentSockets);
            _ = host.Services; // starts the bot
            await slack.SocketMode.ConnectedAsync(1, cancellationToken: Ct);
        }
        return bot;
    }

    /// <summary>
    /// <c>/incident {text}</c> typed by <paramref name="user"/> in <paramref name="channel"/> (the ops channel by default). Each
    /// command gets a trigger id of its own, as from Slack, so two alike are two requests, not a replay of one.
    /// </summary>
    public Task<HttpResponseMessage> CommandAsync(string text, string user = UserId, string? channel = null, string? triggerId = null, string command = "/incident") =>
        SendAsync("/slack/commands", SignedSlackRequest.Form(CommandFields(text, user, channel, triggerId, command)));

    /// <summary><c>/incident {text}</c> as a Socket Mode <c>slash_commands</c> envelope (the same fields, as JSON); returns its ack.</summary>
    public Task<SocketAck> CommandOverSocketAsync(string text, string user = UserId, string? channel = null, string command = "/incident") =>
        Slack.SocketMode.SendAsync("slash_commands", new JsonObject([.. CommandFields(text, user, channel, null, command)
            .Select(field => KeyValuePair.Create(field.Name, (JsonNode?)JsonValue.Create(field.Value)))]), cancellationToken: Ct);

    /// <summary>An interaction as a Socket Mode <c>interactive</c> envelope; returns its ack.</summary>
    public Task<SocketAck> InteractOverSocketAsync(JsonObject payload) => Slack.SocketMode.SendAsync("interactive", payload, cancellationToken: Ct);

    private (string Name, string? Value)[] CommandFields(string text, string user, string? channel, string? triggerId, string command) =>
    [
        ("token", "legacyVerifTok123"),
        ("team_id", "T0INCBOT1"),
        ("team_domain", "acme-ops"),
        ("channel_id", channel ?? OpsChannel),
        ("channel_name", "incidents"),
        ("user_id", user),
        ("user_name", user == UserId ? UserName : "alice"),
        ("command", command),
        ("text", text),
        ("api_app_id", "A0CHATOPS"),
        ("is_enterprise_install", "false"),
        ("response_url", RecordingResponseUrls.Url),
        ("trigger_id", triggerId ?? $"1111111111.{Interlocked.Increment(ref _commands)}.abcdef0123456789abcdef0123456789"),
    ];

    /// <summary>The ephemeral text the bot answered <c>/incident {text}</c> with.</summary>
    public async Task<string> ReplyToAsync(string text, string user = UserId, string? channel = null)
    {
        HttpResponseMessage response = await CommandAsync(text, user, channel);
        return await ReplyTextAsync(response);
    }

    /// <summary>The ephemeral text the bot answered <paramref name="command"/> <paramref name="text"/> with.</summary>
    public async Task<string> ReplyToCommandAsync(string command, string text) => await ReplyTextAsync(await CommandAsync(text, command: command));

    public static async Task<string> ReplyTextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject? reply = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("ephemeral", reply?["response_type"]?.GetValue<string>());
        return reply?["text"]?.GetValue<string>() ?? "";
    }

    /// <summary>An interaction: <paramref name="payload"/> (JSON) in the <c>payload</c> form field, signed.</summary>
    public Task<HttpResponseMessage> InteractAsync(JsonObject payload) =>
        SendAsync("/slack/interactions", SignedSlackRequest.Form(("payload", payload.ToJsonString())));

    public async Task<HttpResponseMessage> SendAsync(string path, string body, string contentType = "application/x-www-form-urlencoded")
    {
        using HttpRequestMessage request = SignedSlackRequest.Create(path, body, Time.GetUtcNow(), contentType: contentType);
        return await Host.CreateClient().SendAsync(request, Ct);
    }

    /// <summary>An Events API body to <c>POST /slack/events</c>, signed, as JSON.</summary>
    public Task<HttpResponseMessage> EventAsync(JsonObject callback) => SendAsync("/slack/events", callback.ToJsonString(), "application/json");

    public async Task<IncidentKey> DeclareAsync(string title = "Checkout latency above SLO", Severity severity = Severity.Sev2)
    {
        await using AsyncServiceScope scope = Host.Services.CreateAsyncScope();
        IncidentCommandResult result = await scope.ServiceProvider.GetRequiredService<IncidentService>()
            .DeclareAsync(new DeclaredIncident(title, severity), Actor.Api("test"), Ct);
        return result.Incident!.Key;
    }

    /// <summary>Waits (at most 60 s: delivery is slow on a loaded machine) until each incident has its channel, and returns them.</summary>
    public async Task<IReadOnlyDictionary<IncidentKey, string>> ChannelsAsync(params IncidentKey[] keys)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            await using AsyncServiceScope scope = Host.Services.CreateAsyncScope();
            IReadOnlyDictionary<IncidentKey, string> channels = await scope.ServiceProvider.GetRequiredService<IncidentQueries>().ChannelsAsync(keys, Ct);
            if (channels.Count == keys.Length)
            {
                return channels;
            }
            Assert.False(patience.IsCancellationRequested, $"Waited 60 s for the channels of {string.Join(", ", keys)}.");
            await Task.Delay(50, Ct);
        }
    }

    public async Task<Incident> IncidentAsync(IncidentKey key)
    {
        await using AsyncServiceScope scope = Host.Services.CreateAsyncScope();
        Incident? incident = await scope.ServiceProvider.GetRequiredService<IncidentQueries>().FindAsync(key, Ct);
        return incident ?? throw new InvalidOperationException($"{key} does not exist.");
    }

    public async Task<int> IncidentCountAsync()
    {
        await using AsyncServiceScope scope = Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IncidentQueries>().ListAsync(new IncidentFilter(), Ct)).Total;
    }

    /// <summary>Waits for the work the bot does after answering Slack (follow-up messages, opening the form).</summary>
    public Task WhenIdleAsync() => Host.Services.GetRequiredService<SlackBackgroundWork>().WhenIdleAsync(Ct);

    /// <summary>As <see cref="WhenIdleAsync"/> (at most 20 s), for work that waits on the bot's clock: it moves 250 ms at a time meanwhile.</summary>
    public async Task WhenIdleWhileTheClockRunsAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task idle = WhenIdleAsync();
        while (!idle.IsCompleted)
        {
            Assert.False(patience.IsCancellationRequested, "Waited 20 s for the bot's Slack work to end.");
            Time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(idle, Task.Delay(50, Ct));
        }
        await idle;
    }

    /// <summary>
    /// Waits (at most 60 s, the bot's clock moving 250 ms at a time) for Slack to receive a call to <paramref name="method"/>
    /// from the bot's delivery, which runs on its own after the answer and the background work.
    /// </summary>
    public async Task<RecordedCall> CallToAsync(string method) => (await CallsToAsync(method, 1))[0];

    /// <summary>As <see cref="CallToAsync"/>, for the first <paramref name="count"/> calls to <paramref name="method"/>.</summary>
    public async Task<IReadOnlyList<RecordedCall>> CallsToAsync(string method, int count)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (Slack.CallsTo(method) is { } calls && calls.Count >= count)
            {
                return [.. calls.Take(count)];
            }
            Assert.False(patience.IsCancellationRequested, $"Waited 60 s for {count} calls to {method}.");
            Time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(50, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Slack.DisposeAsync();
        ResponseUrls.Dispose();
    }
}
